package org.lymphwatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.embedded.Directories;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.MonitoringJob;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortStream;
import org.lymphwatch.simulators.KafkaPublisher;
import org.lymphwatch.web.Clinicians;
import org.lymphwatch.web.WebApp;
import org.lymphwatch.web.WebConfig;

/**
 * The whole pipeline in one JVM, for {@code ./lymphwatch demo}: the embedded stack, the monitoring
 * job on the MiniCluster, and simulated devices streaming a cohort at an accelerated pace. It
 * follows {@code patient-status} (read_committed, as the web app does) for the live counts and the
 * closing triage summary. {@link #close()} stops everything and deletes every temporary directory.
 */
final class Demo implements AutoCloseable {

    /** What the progress line shows. */
    record Progress(
            Instant simulated,
            long published,
            long processed,
            double readingsPerSecond,
            long rejected,
            Map<AlertType, Integer> openByType,
            boolean publishingDone) {}

    private final CohortConfig cohort;
    private final double speed;
    private final EmbeddedStack stack;
    private final JobConfig config;
    private final JobClient job;
    private final Thread publisher;
    private final Thread follower;
    private final WebApp web;
    private final Path webFiles;
    private final String clinicianPassword;
    private final Map<String, PatientStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<Instant> simulated = new AtomicReference<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final long startedNanos = System.nanoTime();
    private volatile boolean publishingDone;
    private volatile boolean closing;

    private Demo(CohortConfig cohort, double speed, EmbeddedStack stack) throws Exception {
        this.cohort = cohort;
        this.speed = speed;
        this.stack = stack;
        this.config = stack.config.withCheckpointInterval(Duration.ofSeconds(2));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        env.setParallelism(2);
        new MonitoringJob(MonitoringJob.Endpoints.of(config), config, Thresholds.DEFAULT)
                .build(env);
        this.job = env.executeAsync(MonitoringJob.NAME);
        // The clinicians' web app on the same topics and store, with one local account.
        this.webFiles = Files.createTempDirectory("lymphwatch-demo-web-");
        this.clinicianPassword = randomPassword();
        Clinicians.add(
                webFiles.resolve("clinicians.txt"),
                CLINICIAN,
                clinicianPassword.toCharArray(),
                Clinicians.COST);
        Properties web = new Properties();
        web.setProperty("http.port", "0");
        web.setProperty("kafka.bootstrap", stack.kafka.bootstrapServers());
        web.setProperty("topic.status", config.topics().status());
        web.setProperty("topic.alerts", config.topics().alerts());
        web.setProperty("topic.actions", config.topics().actions());
        web.setProperty("questdb.jdbcUrl", stack.store.jdbcUrl());
        web.setProperty("clinicians.file", webFiles.resolve("clinicians.txt").toString());
        web.setProperty("audit.file", webFiles.resolve("audit.jsonl").toString());
        this.web = WebApp.start(WebConfig.of(web, Map.of()));
        this.follower = new Thread(this::follow, "demo-status-follower");
        this.follower.setDaemon(true);
        this.follower.start();
        this.publisher = new Thread(this::publish, "demo-devices");
        this.publisher.setDaemon(true);
        this.publisher.start();
    }

    /** Starts the stack, the job, the status follower and the simulated devices. */
    static Demo start(CohortConfig cohort, double speed) throws Exception {
        EmbeddedStack stack = EmbeddedStack.start(2);
        try {
            return new Demo(cohort, speed, stack);
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    /** The local clinician account of the web app. */
    static final String CLINICIAN = "demo-clinician";

    EmbeddedStack stack() {
        return stack;
    }

    String webUrl() {
        return web.url();
    }

    String clinicianPassword() {
        return clinicianPassword;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    JobConfig config() {
        return config;
    }

    private void publish() {
        CohortStream stream = CohortGenerator.stream(cohort);
        try (KafkaPublisher devices =
                new KafkaPublisher(
                        stack.kafka.bootstrapServers(),
                        config.topics().patients(),
                        config.topics().readings())) {
            devices.publish(
                    stream,
                    speed,
                    (messages, at, done) -> {
                        published.set(messages);
                        if (at != null) {
                            simulated.set(at);
                        }
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closing) {
                failure.compareAndSet(null, e);
            }
        }
        publishingDone = true;
    }

    /**
     * Keeps the newest committed status of every patient, as a user interface would, and counts the
     * dead letters.
     */
    private void follow() {
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                stack.kafka.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "demo-board"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(config.topics().status(), config.topics().rejected()));
            while (!closing) {
                for (var r : consumer.poll(Duration.ofMillis(250))) {
                    if (r.topic().equals(config.topics().rejected())) {
                        rejected.incrementAndGet();
                    } else {
                        statuses.put(r.key(), PatientStatusJson.read(r.value()));
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!closing) {
                failure.compareAndSet(null, e);
            }
        }
    }

    Progress progress() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
        long processed = stack.kafka.committed(config.consumerGroup(), config.topics().readings());
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        Map<AlertType, Integer> open = new EnumMap<>(AlertType.class);
        for (PatientStatus s : statuses.values()) {
            for (OpenAlert a : s.openAlerts()) {
                open.merge(a.alert().type(), 1, Integer::sum);
            }
        }
        return new Progress(
                simulated.get(),
                published.get(),
                processed,
                processed / seconds,
                rejected.get(),
                open,
                publishingDone);
    }

    /** Whether every published reading is processed and its results committed. */
    boolean caughtUp() throws Exception {
        return publishingDone
                && stack.kafka.committed(config.consumerGroup(), config.topics().readings())
                        >= published.get();
    }

    /** The newest status of every patient seen on {@code patient-status}. */
    Map<String, PatientStatus> statuses() {
        return new TreeMap<>(statuses);
    }

    /** Stops the devices, the job and the stack; deletes their data. */
    @Override
    public void close() {
        closing = true;
        publisher.interrupt();
        try {
            job.cancel().get();
        } catch (Exception e) {
            // Already finished or failed: nothing left to stop.
        }
        try {
            publisher.join(10_000);
            follower.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            web.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Directories.delete(webFiles);
            stack.close();
        }
    }
}

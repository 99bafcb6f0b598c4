package org.lymphwatch.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
import org.lymphwatch.gateway.Gateway;
import org.lymphwatch.gateway.GatewayConfig;
import org.lymphwatch.gateway.TokenStore;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.MonitoringJob;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.GatewayPublisher;
import org.lymphwatch.simulators.KafkaPublisher;
import org.lymphwatch.web.Clinicians;
import org.lymphwatch.web.WebApp;
import org.lymphwatch.web.WebConfig;

/**
 * The whole pipeline in one JVM, for {@code ./lymphwatch demo}: the embedded stack, the monitoring
 * job on the MiniCluster, the device gateway, and simulated devices posting a cohort through the
 * gateway at an accelerated pace, each with its own token from a temporary token store. It follows
 * {@code patient-status} (read_committed, as the web app does) for the live counts and the closing
 * triage summary. {@link #close()} stops everything and deletes every temporary directory.
 */
final class Demo implements AutoCloseable {

    /**
     * What the progress line shows.
     *
     * @param sent messages the devices posted
     * @param stored readings the gateway wrote to {@code readings}
     * @param processed readings the job has processed and committed
     * @param rejected readings the gateway refused (invalid or unreadable) plus the job's dead
     *     letters
     */
    record Progress(
            Instant simulated,
            long sent,
            long stored,
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
    private final Gateway gateway;
    private final Path gatewayFiles;
    private final Map<String, String> tokenOfDevice;
    private final String patientToken;
    private final Thread follower;
    private final WebApp web;
    private final Path webFiles;
    private final String clinicianPassword;
    private final Map<String, PatientStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<GatewayPublisher.Report> devicesReport = new AtomicReference<>();
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
        // Days pass in seconds here: a status a minute behind would be months behind.
        this.config =
                stack.config
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withStatusIntervals(Duration.ofSeconds(1), Duration.ofSeconds(1));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        env.setParallelism(2);
        new MonitoringJob(MonitoringJob.Endpoints.of(config), config, Thresholds.DEFAULT)
                .build(env);
        // What has started so far, undone in reverse when a later step fails: a demo that cannot
        // start leaves nothing running either (the caller closes the stack).
        Deque<Undo> undo = new ArrayDeque<>();
        try {
            this.job = env.executeAsync(MonitoringJob.NAME);
            JobClient startedJob = job;
            undo.push(() -> startedJob.cancel().get());
            // The clinicians' web app on the same topics and store, with one local account.
            this.webFiles = Files.createTempDirectory("lymphwatch-demo-web-");
            Path startedWebFiles = webFiles;
            undo.push(() -> Directories.delete(startedWebFiles));
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
            WebApp startedWeb = this.web;
            undo.push(startedWeb::close);
            // The gateway in front of the readings topic; every simulated device enrolled with a
            // token
            // of its own, as a clinic hands out devices, and one patient's app for the status
            // endpoint.
            this.gatewayFiles = Files.createTempDirectory("lymphwatch-demo-gateway-");
            Path startedGatewayFiles = gatewayFiles;
            undo.push(() -> Directories.delete(startedGatewayFiles));
            Path tokens = gatewayFiles.resolve("gateway.tokens");
            this.tokenOfDevice =
                    TokenStore.enrolDevices(
                            tokens, GatewayPublisher.devices(CohortGenerator.stream(cohort)));
            this.patientToken = TokenStore.enrolPatient(tokens, demoPatient(cohort));
            GatewayConfig defaults =
                    GatewayConfig.builder(stack.kafka.bootstrapServers(), tokens).build();
            this.gateway =
                    Gateway.start(
                            GatewayConfig.builder(stack.kafka.bootstrapServers(), tokens)
                                    .topics(config.topics().readings(), config.topics().status())
                                    .limits(
                                            defaults.maxBatch(),
                                            defaults.maxBodyBytes(),
                                            requestsPerMinute(defaults.requestsPerMinute(), speed))
                                    .build());
        } catch (Exception | Error e) {
            for (Undo u : undo) {
                try {
                    u.run();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        this.follower = new Thread(this::follow, "demo-status-follower");
        this.follower.setDaemon(true);
        this.follower.start();
        this.publisher = new Thread(this::publish, "demo-devices");
        this.publisher.setDaemon(true);
        this.publisher.start();
    }

    /** One step of taking back a partial start. */
    private interface Undo {
        void run() throws Exception;
    }

    /** Starts the stack, the job, the gateway, the status follower and the simulated devices. */
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

    String gatewayUrl() {
        return gateway.url();
    }

    /** The patient whose app token {@link #patientToken()} is. */
    String patient() {
        return demoPatient(cohort);
    }

    /**
     * A patient token for {@code GET /v1/me/status}, shown once on the terminal like a password.
     */
    String patientToken() {
        return patientToken;
    }

    int devices() {
        return tokenOfDevice.size();
    }

    private static String demoPatient(CohortConfig cohort) {
        return CohortGenerator.stream(cohort).patients().get(0).patientId();
    }

    /**
     * The per-device allowance scaled by the demo's pace: its devices measure {@code speed} times
     * as often per real minute as real ones, and would otherwise spend the run waiting on 429s.
     */
    static int requestsPerMinute(int realTime, double speed) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(realTime, realTime * speed));
    }

    /** The web app's accounts and the gateway's token store: both deleted by {@link #close()}. */
    List<Path> temporaryDirectories() {
        return List.of(webFiles, gatewayFiles);
    }

    /** What the gateway has answered so far. */
    Gateway.Tally gatewayTally() {
        return gateway.tally();
    }

    /** What the devices were told, once they have posted everything; null before. */
    GatewayPublisher.Report devicesReport() {
        return devicesReport.get();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    JobConfig config() {
        return config;
    }

    /**
     * The patient registry straight to Kafka (it is the clinic's, not the devices' business), then
     * the devices' readings through the gateway: batches after offline spells, a lost answer now
     * and then (re-sent, answered DUPLICATE), as {@code simulate --gateway} posts them.
     */
    private void publish() {
        try {
            try (KafkaPublisher registry =
                    new KafkaPublisher(
                            stack.kafka.bootstrapServers(),
                            config.topics().patients(),
                            config.topics().readings())) {
                registry.publishPatients(CohortGenerator.stream(cohort));
            }
            GatewayPublisher devices =
                    new GatewayPublisher(
                            URI.create(gateway.url()),
                            tokenOfDevice,
                            new GatewayPublisher.Options(
                                    GatewayPublisher.Options.DEFAULT.senders(),
                                    SimulateCommand.LOST_ANSWER_RATE,
                                    GatewayPublisher.Options.DEFAULT.maxBatch(),
                                    GatewayPublisher.Options.DEFAULT.maxBackoff(),
                                    cohort.seed()));
            devicesReport.set(
                    devices.publish(
                            CohortGenerator.stream(cohort),
                            speed,
                            (messages, at, done) -> {
                                sent.set(messages);
                                if (at != null) {
                                    simulated.set(at);
                                }
                            }));
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
        Gateway.Tally tally = gateway.tally();
        return new Progress(
                simulated.get(),
                sent.get(),
                tally.accepted(),
                processed,
                processed / seconds,
                tally.rejected() + tally.malformedRequests() + rejected.get(),
                open,
                publishingDone);
    }

    /** Whether every reading the gateway stored is processed and its results committed. */
    boolean caughtUp() throws Exception {
        return publishingDone
                && stack.kafka.committed(config.consumerGroup(), config.topics().readings())
                        >= gateway.tally().accepted();
    }

    /** The newest status of every patient seen on {@code patient-status}. */
    Map<String, PatientStatus> statuses() {
        return new TreeMap<>(statuses);
    }

    /** Stops the devices, the gateway, the job and the stack; deletes their data and tokens. */
    @Override
    public void close() {
        closing = true;
        publisher.interrupt();
        try {
            publisher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            gateway.close();
        } finally {
            Directories.delete(gatewayFiles);
        }
        try {
            job.cancel().get();
        } catch (Exception e) {
            // Already finished or failed: nothing left to stop.
        }
        try {
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

package org.lymphwatch.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.MonitoringJob;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.simulators.Cohort;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;

/**
 * The embedded stack for the web app's tests: the in-process Kafka broker with the job's topics,
 * the embedded QuestDB store, one clinician account, and on demand the real monitoring job ({@link
 * MonitoringJob} on a Flink MiniCluster) fed with a small simulated cohort.
 */
final class CohortStack implements AutoCloseable {

    static final String CLINICIAN = "c-0042";
    static final String PASSWORD = "correct horse battery staple";
    private static final JobConfig.Topics TOPICS = JobConfig.Topics.DEFAULT;

    final EmbeddedKafka kafka;
    final EmbeddedQuestDb questDb;
    final Path dir;
    private final KafkaProducer<String, String> producer;
    private JobClient job;
    WebApp app;

    private CohortStack(EmbeddedKafka kafka, EmbeddedQuestDb questDb, Path dir) {
        this.kafka = kafka;
        this.questDb = questDb;
        this.dir = dir;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Kafka with the job's topics, QuestDB, one clinician account; no job, no web app yet. */
    static CohortStack start() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        EmbeddedQuestDb questDb = null;
        try {
            questDb = EmbeddedQuestDb.start();
            // Simulated readings are dated years back: keep records whatever their timestamp.
            Map<String, String> keepAll = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
            kafka.createTopics(
                    2,
                    keepAll,
                    TOPICS.readings(),
                    TOPICS.rejected(),
                    TOPICS.alerts(),
                    TOPICS.actions());
            kafka.createTopics(
                    2,
                    Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.RETENTION_MS_CONFIG,
                            "-1"),
                    TOPICS.patients(),
                    TOPICS.status());
            CohortStack stack =
                    new CohortStack(kafka, questDb, Files.createTempDirectory("lymphwatch-web-"));
            Clinicians.add(
                    stack.dir.resolve("clinicians.txt"), CLINICIAN, PASSWORD.toCharArray(), 4);
            return stack;
        } catch (Exception | Error e) {
            if (questDb != null) {
                questDb.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** The web app's settings on this stack, as a properties file would give them. */
    Properties webProperties() {
        Properties p = new Properties();
        p.setProperty("http.port", "0");
        p.setProperty("kafka.bootstrap", kafka.bootstrapServers());
        p.setProperty("topic.status", TOPICS.status());
        p.setProperty("topic.alerts", TOPICS.alerts());
        p.setProperty("topic.actions", TOPICS.actions());
        p.setProperty("questdb.jdbcUrl", questDb.jdbcUrl());
        p.setProperty("clinicians.file", dir.resolve("clinicians.txt").toString());
        p.setProperty("audit.file", dir.resolve("audit.jsonl").toString());
        return p;
    }

    WebApp startWeb(Properties properties) throws Exception {
        app = WebApp.start(WebConfig.of(properties, Map.of()));
        return app;
    }

    /**
     * Starts the monitoring job, publishes a simulated cohort (patients, then the readings the
     * devices deliver, in arrival order) and waits until the job has published a status for every
     * patient and then nothing new for a while, and the store shows what it wrote.
     */
    void monitor(int patients, int days, long seed) throws Exception {
        Cohort cohort =
                CohortGenerator.generate(CohortConfig.of(patients, days, seed).withIncidence(0.6));
        startJob();
        for (Patient p : cohort.patientRecords()) {
            producer.send(
                    new ProducerRecord<>(TOPICS.patients(), p.patientId(), PatientJson.write(p)));
        }
        for (Reading r : cohort.acceptedReadings()) {
            producer.send(
                    new ProducerRecord<>(TOPICS.readings(), r.patientId(), ReadingJson.write(r)));
        }
        producer.flush();
        awaitQuiet(patients, Duration.ofMinutes(4), Duration.ofSeconds(8));
        questDb.awaitApplied(Duration.ofMinutes(1));
    }

    private void startJob() throws Exception {
        JobConfig config =
                JobConfig.of(kafka.bootstrapServers(), questDb.influxUrl(), "local-only-token")
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        // The cohort arrives at once; awaitQuiet waits for its last statuses.
                        .withStatusIntervals(Duration.ofSeconds(1), Duration.ofSeconds(1));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        env.setParallelism(1);
        new MonitoringJob(
                        MonitoringJob.Endpoints.of(config),
                        config,
                        MonitoringJob.thresholds(config))
                .build(env);
        job = env.executeAsync(MonitoringJob.NAME);
    }

    private void awaitQuiet(int patients, Duration timeout, Duration quiet)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = kafka.readAllCommitted(TOPICS.status()).size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (latestStatuses().size() == patients
                    && System.nanoTime() - quietSince > quiet.toNanos()) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "the job did not settle within "
                        + timeout
                        + ": statuses for "
                        + latestStatuses().size()
                        + " of "
                        + patients
                        + " patients");
    }

    /** What the job (or a test) last published per patient on patient-status. */
    Map<String, PatientStatus> latestStatuses() {
        Map<String, PatientStatus> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : kafka.readAllCommitted(TOPICS.status())) {
            PatientStatus s = PatientStatusJson.read(r.value());
            latest.put(s.patientId(), s);
        }
        return latest;
    }

    /**
     * A patient worth a screenshot: measured with a volume device and a bioimpedance scale (so all
     * four plots have data), with an alert to acknowledge; among those, the one with the most open
     * alerts.
     */
    String patientToShow() throws SQLException {
        Set<String> volumes = measuredOften("limb_volume", "volume_ml");
        Set<String> lDex = measuredOften("bioimpedance", "ldex");
        return latestStatuses().values().stream()
                .filter(s -> volumes.contains(s.patientId()) && lDex.contains(s.patientId()))
                .filter(s -> s.openAlerts().stream().anyMatch(a -> !a.acknowledged()))
                .max(Comparator.comparingInt((PatientStatus s) -> s.openAlerts().size()))
                .orElseThrow(
                        () -> new AssertionError("no patient with volumes, L-Dex and an alert"))
                .patientId();
    }

    private Set<String> measuredOften(String table, String field) throws SQLException {
        Set<String> patients = new HashSet<>();
        for (Map<String, Object> row :
                questDb.query(
                        "SELECT patient, count() n FROM "
                                + table
                                + " WHERE "
                                + field
                                + " != null GROUP BY patient")) {
            if (((Number) row.get("n")).longValue() > 10) {
                patients.add((String) row.get("patient"));
            }
        }
        return patients;
    }

    /** Publishes a hand-made status and its alert events, for tests that need no job. */
    void publish(PatientStatus status, Alert... alerts) {
        for (Alert a : alerts) {
            producer.send(new ProducerRecord<>(TOPICS.alerts(), a.patientId(), AlertJson.write(a)));
        }
        producer.send(
                new ProducerRecord<>(
                        TOPICS.status(), status.patientId(), PatientStatusJson.write(status)));
        producer.flush();
    }

    @Override
    public void close() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
            if (job != null) {
                job.cancel().get();
            }
            producer.close();
        } finally {
            try {
                questDb.close();
                kafka.close();
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}

package org.lymphwatch.web;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.PatientMonitor;
import org.lymphwatch.analytics.SwellingMetrics;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.jobs.ReadingPoints;
import org.lymphwatch.jobs.influx.MeasurementPoint;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertActionJson;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.store.Measurements;
import org.lymphwatch.simulators.Cohort;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;

/**
 * The embedded stack with a small simulated cohort, and the web app on it. Until the monitoring job
 * is on main, this plays the job's part with the same analytics the job runs ({@link
 * PatientMonitor}): readings and swelling metrics into the store, alert events to {@code alerts},
 * statuses to {@code patient-status}, and clinicians' actions from {@code alert-actions} applied.
 */
final class CohortStack implements AutoCloseable {

    static final String CLINICIAN = "c-0042";
    static final String PASSWORD = "correct horse battery staple";

    final EmbeddedKafka kafka;
    final EmbeddedQuestDb questDb;
    final Path dir;
    final Map<String, PatientMonitor> monitors = new LinkedHashMap<>();
    final Map<String, PatientStatus> published = new LinkedHashMap<>();
    private final KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> actions;
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

    /** Kafka, QuestDB, the topics, one clinician account; no patients yet, no web app. */
    static CohortStack start() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        EmbeddedQuestDb questDb = null;
        try {
            questDb = EmbeddedQuestDb.start();
            kafka.createCompactedTopic("patient-status", 2);
            kafka.createTopics(2, "alerts", "alert-actions");
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
     * Simulates the cohort and runs every patient's readings through their monitor in arrival
     * order, writing what the job writes.
     */
    void simulate(int patients, int days, long seed) throws Exception {
        Cohort cohort =
                CohortGenerator.generate(CohortConfig.of(patients, days, seed).withIncidence(0.6));
        Map<String, Patient> registry = new LinkedHashMap<>();
        cohort.patientRecords().forEach(p -> registry.put(p.patientId(), p));
        List<String> lines = new ArrayList<>();
        ReadingPoints readingPoints = new ReadingPoints();
        Instant clock = Instant.MIN;
        for (Reading r : cohort.acceptedReadings()) {
            PatientMonitor m =
                    monitors.computeIfAbsent(
                            r.patientId(),
                            id -> new PatientMonitor(registry.get(id), Thresholds.DEFAULT));
            clock = r.instant().isAfter(clock) ? r.instant() : clock;
            if (m.nextTimer().filter(t -> !t.isAfter(r.instant())).isPresent()) {
                emit(m.onTime(r.instant()), lines);
            }
            List<Output> outputs = m.onReading(r);
            if (outputs.stream().noneMatch(o -> o instanceof Output.Skipped)) {
                lines.add(readingPoints.toLineProtocol(r));
            }
            emit(outputs, lines);
        }
        for (PatientMonitor m : monitors.values()) {
            emit(m.onTime(clock), lines);
        }
        write(lines);
        monitors.values().forEach(m -> publishStatus(m.status()));
        producer.flush();
    }

    /**
     * Plays the job's part for clinicians' actions: applies every action on {@code alert-actions}
     * not applied yet and publishes the resulting alert events and statuses.
     *
     * @return the actions applied
     */
    List<AlertAction> applyActions(int expected, Duration timeout) {
        if (actions == null) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            actions = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions =
                    actions.partitionsFor("alert-actions").stream()
                            .map(i -> new TopicPartition("alert-actions", i.partition()))
                            .toList();
            actions.assign(partitions);
            actions.seekToBeginning(partitions);
        }
        List<AlertAction> applied = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : actions.poll(Duration.ofMillis(200))) {
                AlertAction a = AlertActionJson.read(r.value());
                PatientMonitor m = monitors.get(a.patientId());
                emit(m.onAction(a), new ArrayList<>());
                publishStatus(m.status());
                applied.add(a);
            }
        }
        producer.flush();
        return applied;
    }

    /** The patient with the most open alerts (ties: the first), for the detail page. */
    String patientWithMostOpenAlerts() {
        return published.values().stream()
                .max(Comparator.comparingInt((PatientStatus s) -> s.openAlerts().size()))
                .orElseThrow()
                .patientId();
    }

    private void emit(List<Output> outputs, List<String> lines) {
        for (Output o : outputs) {
            if (o instanceof Output.AlertEvent e) {
                publishAlert(e.alert());
            } else if (o instanceof Output.Metrics m) {
                lines.add(swellingPoint(m.metrics()));
            }
        }
    }

    /** Publishes a hand-made status and its alert events, as the job would. */
    void publish(PatientStatus status, Alert... alerts) {
        for (Alert a : alerts) {
            publishAlert(a);
        }
        publishStatus(status);
        producer.flush();
    }

    private void publishAlert(Alert a) {
        producer.send(new ProducerRecord<>("alerts", a.patientId(), AlertJson.write(a)));
    }

    private void publishStatus(PatientStatus s) {
        published.put(s.patientId(), s);
        producer.send(
                new ProducerRecord<>("patient-status", s.patientId(), PatientStatusJson.write(s)));
    }

    private static String swellingPoint(SwellingMetrics m) {
        MeasurementPoint p =
                MeasurementPoint.of(Measurements.SWELLING, m.at().toInstant())
                        .tag("patient", m.patientId())
                        .tag("limb", m.limb().name())
                        .tag("side", m.side().name());
        set(p, "rvc_pct", m.rvcPct());
        set(p, "ilvd_ml", m.ilvdMl());
        set(p, "ilvd_pct", m.ilvdPct());
        set(p, "ldex_delta", m.lDexDelta());
        set(p, "r0_ratio", m.r0Ratio());
        set(p, "trend_slope_pct_per_week", m.trendSlopePctPerWeek());
        set(p, "trend_ci_low_pct_per_week", m.trendCiLowPctPerWeek());
        set(p, "trend_ci_high_pct_per_week", m.trendCiHighPctPerWeek());
        set(p, "trend_p", m.trendP());
        if (m.trendN() != null) {
            p.field("trend_n", m.trendN().longValue());
        }
        return p.toLineProtocol();
    }

    private static void set(MeasurementPoint p, String field, Double value) {
        if (value != null) {
            p.field(field, value);
        }
    }

    private void write(List<String> lines) throws Exception {
        try (InfluxDBClient client =
                InfluxDBClientFactory.create(
                        questDb.influxUrl(), "unused".toCharArray(), "lymphwatch", "lymphwatch")) {
            WriteApiBlocking write = client.getWriteApiBlocking();
            for (int i = 0; i < lines.size(); i += 1000) {
                write.writeRecords(
                        WritePrecision.NS, lines.subList(i, Math.min(lines.size(), i + 1000)));
            }
        }
        questDb.awaitApplied(Duration.ofSeconds(60));
    }

    @Override
    public void close() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
            if (actions != null) {
                actions.close();
            }
            producer.close();
        } finally {
            questDb.close();
            kafka.close();
        }
    }
}

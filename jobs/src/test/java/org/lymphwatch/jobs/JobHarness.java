package org.lymphwatch.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lymphwatch.analytics.OfflineAnalyzer;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.Validation;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortStream;
import org.lymphwatch.simulators.Delivery;

/**
 * The monitoring job on the real in-process stack for tests: topics per test run, publishing in
 * file order keyed by patient, running the production graph, reading what it committed, and the
 * offline analyzer over the same input for comparison.
 */
final class JobHarness {

    /** A simulated cohort as devices send it: patients, and messages in arrival order. */
    record Cohort(List<Patient> patients, List<String> messages) {

        static Cohort simulate(int patients, int days, long seed) {
            CohortStream stream = CohortGenerator.stream(CohortConfig.of(patients, days, seed));
            List<String> messages = new ArrayList<>();
            while (stream.hasNext()) {
                Delivery d = stream.next();
                messages.add(d.message());
            }
            return new Cohort(stream.patients(), messages);
        }
    }

    final EmbeddedKafka kafka;
    final EmbeddedQuestDb store;

    JobHarness(EmbeddedKafka kafka, EmbeddedQuestDb store) {
        this.kafka = kafka;
        this.store = store;
    }

    /** A config whose topics, group and transactional ids belong to this run alone. */
    JobConfig config(String name, boolean bounded) {
        return JobConfig.of(kafka.bootstrapServers(), store.influxUrl(), "test-token")
                .withTopics(JobConfig.Topics.DEFAULT.prefixed(name + "-"))
                .withNames(name + "-group", name)
                .withBounded(bounded)
                .withCheckpointInterval(Duration.ofSeconds(1))
                .withRestartDelays(Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    void createTopics(JobConfig config, int partitions) {
        JobConfig.Topics t = config.topics();
        kafka.createTopics(partitions, t.readings(), t.rejected(), t.alerts(), t.actions());
        kafka.createTopics(
                partitions,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                t.patients(),
                t.status());
    }

    void publishPatients(JobConfig config, List<Patient> patients) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Patient p : patients) {
            records.add(
                    new ProducerRecord<>(
                            config.topics().patients(), p.patientId(), PatientJson.write(p)));
        }
        send(records);
    }

    /** Messages in order, keyed by their patientId where one can be read. */
    void publishReadings(JobConfig config, List<String> messages) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String m : messages) {
            records.add(new ProducerRecord<>(config.topics().readings(), patientKey(m), m));
        }
        send(records);
    }

    void publish(String topic, String key, String value) throws Exception {
        send(List.of(new ProducerRecord<>(topic, key, value)));
    }

    /** Sends every record and waits for each acknowledgement, so a lost send fails loudly. */
    private void send(List<ProducerRecord<String, String>> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> r : records) {
                sent.add(producer.send(r));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    static String patientKey(String message) {
        try {
            var id = org.lymphwatch.model.Json.mapper().readTree(message).get("patientId");
            return id != null && id.isTextual() ? id.textValue() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The production graph with the real ends, the store sink possibly wrapped. */
    StreamExecutionEnvironment environment(
            JobConfig config, int parallelism, UnaryOperator<Sink<String>> wrapStore)
            throws Exception {
        return environment(config, parallelism, wrapStore, null);
    }

    StreamExecutionEnvironment environment(
            JobConfig config,
            int parallelism,
            UnaryOperator<Sink<String>> wrapStore,
            String savepoint)
            throws Exception {
        return environmentWith(
                config,
                parallelism,
                ends -> ends.withStore(wrapStore.apply(ends.store())),
                savepoint);
    }

    /** The production graph with its real ends, any of which a test may wrap. */
    StreamExecutionEnvironment environmentWith(
            JobConfig config,
            int parallelism,
            UnaryOperator<MonitoringJob.Endpoints> wrap,
            String savepoint)
            throws Exception {
        Configuration flink = MonitoringJob.flinkConfiguration(config);
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(parallelism);
        new MonitoringJob(
                        wrap.apply(MonitoringJob.Endpoints.of(config)), config, Thresholds.DEFAULT)
                .build(env);
        return env;
    }

    /** Everything committed on the alerts topic, per patient in the order published. */
    Map<String, List<Alert>> alerts(JobConfig config) {
        Map<String, List<Alert>> byPatient = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : kafka.readAllCommitted(config.topics().alerts())) {
            Alert a = AlertJson.read(r.value());
            byPatient.computeIfAbsent(a.patientId(), k -> new ArrayList<>()).add(a);
        }
        return byPatient;
    }

    /** What {@code analyze} decides for the same messages, per patient in decision order. */
    static Map<String, List<Alert>> offline(Cohort cohort, Instant receivedAt) {
        Map<String, Patient> registry = new HashMap<>();
        cohort.patients().forEach(p -> registry.put(p.patientId(), p));
        Map<String, List<Alert>> byPatient = new LinkedHashMap<>();
        OfflineAnalyzer analyzer =
                new OfflineAnalyzer(
                        registry,
                        Thresholds.DEFAULT,
                        o -> {
                            if (o instanceof Output.AlertEvent e) {
                                byPatient
                                        .computeIfAbsent(
                                                e.alert().patientId(), k -> new ArrayList<>())
                                        .add(e.alert());
                            }
                        });
        ReadingValidator validator = new ReadingValidator();
        for (String m : cohort.messages()) {
            Validation v = validator.validate(m.getBytes(StandardCharsets.UTF_8), receivedAt);
            if (v instanceof Validation.Accepted a) {
                Reading r = a.reading();
                if (analyzer.knows(r.patientId())) {
                    analyzer.accept(r);
                }
            }
        }
        analyzer.finish();
        return byPatient;
    }

    /**
     * Per patient, for each reading the offline analyzer accepts: its own time and the analyzer's
     * clock when it arrives (the newest accepted reading so far), in milliseconds.
     */
    static Map<String, List<long[]>> heardFrom(Cohort cohort, Instant receivedAt) {
        Map<String, List<long[]>> byPatient = new HashMap<>();
        cohort.patients().forEach(p -> byPatient.put(p.patientId(), new ArrayList<>()));
        ReadingValidator validator = new ReadingValidator();
        long clock = Long.MIN_VALUE;
        for (String m : cohort.messages()) {
            if (validator.validate(m.getBytes(StandardCharsets.UTF_8), receivedAt)
                            instanceof Validation.Accepted a
                    && byPatient.containsKey(a.reading().patientId())) {
                long at = a.reading().instant().toEpochMilli();
                clock = Math.max(clock, at);
                byPatient.get(a.reading().patientId()).add(new long[] {at, clock});
            }
        }
        return byPatient;
    }

    /** Per patient, the events of every type but STALE_DATA (which follows the clock). */
    static Map<String, List<Alert>> withoutStale(Map<String, List<Alert>> alerts) {
        Map<String, List<Alert>> out = new HashMap<>();
        alerts.forEach(
                (patient, list) -> {
                    List<Alert> kept =
                            list.stream().filter(a -> a.type() != AlertType.STALE_DATA).toList();
                    if (!kept.isEmpty()) {
                        out.put(patient, kept);
                    }
                });
        return out;
    }
}

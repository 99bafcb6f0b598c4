package org.lymphwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.ReadingLimits;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.RejectedReadingJson;

/**
 * The ingest path end to end in one JVM: a real Kafka broker, the Flink MiniCluster with
 * checkpoints, and the QuestDB store over the InfluxDB v2 write API. Devices send a few thousand
 * readings with re-deliveries and malformed messages mixed in; afterwards the store must hold each
 * distinct valid reading exactly once and {@code readings-rejected} each bad message exactly once,
 * with its reason — also when a task fails midway and Flink recovers from a checkpoint.
 */
class IngestJobEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static EmbeddedKafka kafka;
    private static EmbeddedQuestDb store;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        kafka = EmbeddedKafka.start();
        store = EmbeddedQuestDb.start();
    }

    @AfterAll
    static void stopInfrastructure() {
        if (kafka != null) {
            kafka.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyValidReadingIsStoredOnceAndEveryBadMessageIsDeadLetteredWithItsReason()
            throws Exception {
        IngestTraffic traffic = IngestTraffic.generate("e2e", 40, 30, 7L);
        JobConfig config = run("e2e", traffic);

        assertStoreHoldsExactly(traffic, "e2e");
        assertDeadLettersAreExactly(traffic, config);
    }

    @Test
    void taskFailureAfterCheckpointLosesNothingAndDoublesNothing() throws Exception {
        IngestTraffic traffic = IngestTraffic.generate("crash", 40, 30, 11L);
        List<String> firstHalf = traffic.messages.subList(0, traffic.messages.size() / 2);
        List<String> secondHalf =
                traffic.messages.subList(traffic.messages.size() / 2, traffic.messages.size());
        JobConfig config = config("crash", false);
        kafka.createTopics(2, config.readingsTopic(), config.rejectedTopic());
        publish(config.readingsTopic(), firstHalf);

        FailOnceSink.reset();
        JobClient job =
                environment(config, sink -> new FailOnceSink<>(sink)).executeAsync("ingest-crash");
        try {
            // Two checkpoints through both writers: with one checkpoint at a time, the first
            // completed.
            await(() -> FailOnceSink.flushes() >= 4, "two checkpoints");
            FailOnceSink.arm();
            publish(config.readingsTopic(), secondHalf);

            await(() -> FailOnceSink.failed(), "the injected failure");
            assertStoreHoldsExactly(traffic, "crash");
            assertDeadLettersAreExactly(traffic, config);
        } finally {
            job.cancel().get();
        }
    }

    /** Publishes the traffic, then runs the job over it to the end of the topic. */
    private static JobConfig run(String name, IngestTraffic traffic) throws Exception {
        JobConfig config = config(name, true);
        kafka.createTopics(2, config.readingsTopic(), config.rejectedTopic());
        publish(config.readingsTopic(), traffic.messages);
        environment(config, sink -> sink).execute("ingest-" + name);
        return config;
    }

    private static JobConfig config(String name, boolean bounded) {
        return new JobConfig(
                kafka.bootstrapServers(),
                name + "-readings",
                name + "-rejected",
                name + "-group",
                name,
                store.influxUrl(),
                "lymphwatch",
                "lymphwatch",
                "test-token",
                Duration.ofSeconds(1),
                Duration.ofDays(30),
                bounded);
    }

    /**
     * The production graph with the real Kafka and InfluxDB ends; the store sink may be wrapped.
     */
    private static StreamExecutionEnvironment environment(
            JobConfig config, UnaryOperator<Sink<Reading>> wrapStore) {
        Configuration flinkConf = new Configuration();
        flinkConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flinkConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flinkConf.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConf);
        env.setParallelism(2);
        env.enableCheckpointing(
                config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        IngestJob.Endpoints production = IngestJob.Endpoints.of(config);
        IngestJob.Endpoints endpoints = production.withStore(wrapStore.apply(production.store()));
        new IngestJob(endpoints, ReadingLimits.DEFAULT, config.dedupeRetention()).build(env);
        return env;
    }

    private static long storedRows(String prefix) {
        try {
            String mine = " WHERE patient LIKE '" + prefix + "-%'";
            return store.queryLong("SELECT count() FROM limb_volume" + mine)
                    + store.queryLong("SELECT count() FROM bioimpedance" + mine)
                    + store.queryLong("SELECT count() FROM patient_context" + mine);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to a minute for the condition; the assertions after it say what is wrong. */
    private static void awaitQuietly(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void assertStoreHoldsExactly(IngestTraffic traffic, String prefix)
            throws Exception {
        // WAL tables apply writes asynchronously; rows may become visible a little later.
        long expected = traffic.distinct(ReadingKind.values());
        awaitQuietly(() -> storedRows(prefix) >= expected);
        store.awaitApplied(Duration.ofSeconds(30));
        String mine = " WHERE patient LIKE '" + prefix + "-%'";
        assertThat(store.queryLong("SELECT count() FROM limb_volume" + mine))
                .isEqualTo(traffic.distinct(ReadingKind.LIMB_VOLUME, ReadingKind.CIRCUMFERENCES));
        assertThat(store.queryLong("SELECT count() FROM bioimpedance" + mine))
                .isEqualTo(traffic.distinct(ReadingKind.BIOIMPEDANCE));
        assertThat(store.queryLong("SELECT count() FROM patient_context" + mine))
                .isEqualTo(traffic.distinct(ReadingKind.CONTEXT));
        assertThat(store.queryLong("SELECT count_distinct(reading_id) FROM limb_volume" + mine))
                .isEqualTo(traffic.distinct(ReadingKind.LIMB_VOLUME, ReadingKind.CIRCUMFERENCES));

        // Values arrive intact, not merely counted.
        Reading volume =
                traffic.distinctValid.stream()
                        .filter(r -> r.kind() == ReadingKind.LIMB_VOLUME)
                        .findFirst()
                        .orElseThrow();
        List<Map<String, Object>> rows =
                store.query(
                        "SELECT volume_ml, side, method FROM limb_volume WHERE reading_id = '"
                                + volume.readingId()
                                + "'");
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get("volume_ml")).doubleValue())
                .isEqualTo(volume.volumeMl());
        assertThat(rows.get(0).get("side")).isEqualTo(volume.side().name());
    }

    private static void assertDeadLettersAreExactly(IngestTraffic traffic, JobConfig config) {
        List<RejectedReading> deadLetters =
                readCommitted(config.rejectedTopic(), traffic.rejectCount());
        Map<RejectReason, Integer> reasons = new EnumMap<>(RejectReason.class);
        for (RejectedReading r : deadLetters) {
            reasons.merge(r.reason(), 1, Integer::sum);
            assertThat(r.raw()).hasSizeLessThanOrEqualTo(RejectedReading.RAW_LIMIT);
            assertThat(r.detail()).isNotBlank();
        }
        assertThat(reasons).isEqualTo(traffic.expectedRejects);
    }

    /** Sends every message and waits for each acknowledgement, so a lost send fails loudly. */
    private static void publish(String topic, List<String> messages) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String m : messages) {
                sent.add(producer.send(new ProducerRecord<>(topic, m)));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    /** Every committed record on the topic; waits 2 s past the expected count for extras. */
    private static List<RejectedReading> readCommitted(String topic, int expected) {
        return kafka
                .readCommitted(topic, expected, Duration.ofSeconds(30), Duration.ofSeconds(2))
                .stream()
                .map(r -> RejectedReadingJson.read(r.value()))
                .toList();
    }

    /**
     * Wraps the store sink, counts checkpoint flushes, and once armed throws on the next write: a
     * task failure in the middle of the stream, after a completed checkpoint.
     */
    static final class FailOnceSink<T> implements Sink<T> {
        private static final AtomicInteger FLUSHES = new AtomicInteger();
        private static final AtomicBoolean ARMED = new AtomicBoolean();
        private static final AtomicBoolean FAILED = new AtomicBoolean();
        private final Sink<T> delegate;

        FailOnceSink(Sink<T> delegate) {
            this.delegate = delegate;
        }

        static void reset() {
            FLUSHES.set(0);
            ARMED.set(false);
            FAILED.set(false);
        }

        static void arm() {
            ARMED.set(true);
        }

        static int flushes() {
            return FLUSHES.get();
        }

        static boolean failed() {
            return FAILED.get();
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
            SinkWriter<T> writer = delegate.createWriter(context);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) throws IOException, InterruptedException {
                    writer.write(element, ctx);
                    if (ARMED.get() && FAILED.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure after a checkpoint");
                    }
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    writer.flush(endOfInput);
                    FLUSHES.incrementAndGet();
                }

                @Override
                public void close() throws Exception {
                    writer.close();
                }
            };
        }
    }
}

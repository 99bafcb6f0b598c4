package org.lymphwatch.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.model.store.Measurements;

/** The sink in a real Flink job against a real store (QuestDB speaking the InfluxDB write API). */
class InfluxSinkTest {

    private static final String TOKEN = "sink-test-secret-token-7f3a";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static EmbeddedQuestDb questDb;

    @BeforeAll
    static void startStore() throws Exception {
        questDb = EmbeddedQuestDb.start();
    }

    @AfterAll
    static void stopStore() {
        questDb.close();
    }

    @Test
    void everyPointArrivesOnce() throws Exception {
        int points = 3000;
        StreamExecutionEnvironment env = checkpointedEnvironment(2);
        env.fromSource(samples(points, null), WatermarkStrategy.noWatermarks(), "samples")
                .sinkTo(sink("all-once").setBatchSize(100).build());

        env.execute("every point once");

        questDb.awaitApplied(APPLY_TIMEOUT);
        assertThat(storedPoints("all-once")).isEqualTo(points);
        assertThat(distinctReadings("all-once")).isEqualTo(points);
    }

    @Test
    void aPartialBatchIsWrittenAfterTheFlushInterval() throws Exception {
        int points = 20;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSource(samples(points, 4.0), WatermarkStrategy.noWatermarks(), "samples")
                .sinkTo(
                        sink("flush-interval")
                                .setBatchSize(10_000)
                                .setFlushInterval(Duration.ofMillis(200))
                                .build());

        JobClient job = env.executeAsync("flush interval");
        long firstSeen = awaitFirstPoints("flush-interval");
        job.getJobExecutionResult().get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        // Without checkpoints and with the batch far from full, only the timer can have written
        // these while the 5-second source was still emitting.
        assertThat(firstSeen).isBetween(1L, points - 1L);
    }

    @Test
    void outageLosesNoPointAndWritesNoneTwice() throws Exception {
        int points = 1500;
        StreamExecutionEnvironment env = checkpointedEnvironment(1);
        env.fromSource(samples(points, 300.0), WatermarkStrategy.noWatermarks(), "samples")
                .sinkTo(
                        sink("outage")
                                .setBatchSize(50)
                                .setFlushInterval(Duration.ofMillis(200))
                                .setMaxOutage(Duration.ofMinutes(1))
                                .setRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                                .build());

        try (CapturedLogs logs = new CapturedLogs()) {
            JobClient job = env.executeAsync("outage");
            awaitFirstPoints("outage");
            questDb.stop();
            Thread.sleep(2_000);
            questDb.restart();
            job.getJobExecutionResult().get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(logs.entries())
                    .as("the sink saw the outage")
                    .anySatisfy(entry -> assertThat(entry).contains("retrying in"))
                    .noneSatisfy(entry -> assertThat(entry).contains(TOKEN));
        }
        questDb.awaitApplied(APPLY_TIMEOUT);
        assertThat(storedPoints("outage")).isEqualTo(points);
        assertThat(distinctReadings("outage")).isEqualTo(points);
    }

    @Test
    void outageLongerThanTheMaximumFailsTheJobNamingTheStoreButNotTheToken() throws Exception {
        String unreachable = "http://127.0.0.1:" + freePort();
        StreamExecutionEnvironment env = failFastEnvironment();
        env.fromSource(samples(10, null), WatermarkStrategy.noWatermarks(), "samples")
                .sinkTo(
                        sink("unreachable")
                                .setUrl(unreachable)
                                .setFlushInterval(Duration.ofMillis(100))
                                .setMaxOutage(Duration.ofSeconds(1))
                                .setRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                                .build());

        try (CapturedLogs logs = new CapturedLogs()) {
            assertThatThrownBy(() -> env.execute("unreachable store"))
                    .satisfies(
                            failure -> {
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        failure, InfluxWriteException.class))
                                        .get()
                                        .extracting(Throwable::getMessage)
                                        .asString()
                                        .startsWith("InfluxDB at " + unreachable)
                                        .contains("longer than the maximum outage of PT1S");
                                assertThat(stackTrace(failure)).doesNotContain(TOKEN);
                            });
            assertThat(logs.entries())
                    .anySatisfy(entry -> assertThat(entry).contains(unreachable))
                    .noneSatisfy(entry -> assertThat(entry).contains(TOKEN));
        }
    }

    @Test
    void pointTheStoreRejectsFailsTheJobWithoutRetrying() {
        StreamExecutionEnvironment env = failFastEnvironment();
        env.fromSource(samples(1, null), WatermarkStrategy.noWatermarks(), "samples")
                .sinkTo(
                        InfluxSink.<Long>builder()
                                .setUrl(questDb.influxUrl())
                                .setOrg("lymphwatch")
                                .setBucket("lymphwatch")
                                .setToken(TOKEN)
                                .setPointConverter(
                                        i -> "limb_volume,patient=p-1 no_such_field=1.0 0")
                                .setMaxOutage(Duration.ofMinutes(5))
                                .build());

        assertThatThrownBy(() -> env.execute("rejected point"))
                .satisfies(
                        failure ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        failure, InfluxWriteException.class))
                                        .get()
                                        .extracting(Throwable::getMessage)
                                        .asString()
                                        .contains("rejected a batch of 1 points: HTTP 4")
                                        .doesNotContain(TOKEN));
    }

    /** Points of one test: device {@code sink-<test>}, one per second of event time. */
    private static InfluxSink.Builder<Long> sink(String test) {
        String device = "sink-" + test;
        return InfluxSink.<Long>builder()
                .setUrl(questDb.influxUrl())
                .setOrg("lymphwatch")
                .setBucket("lymphwatch")
                .setToken(TOKEN)
                .setPointConverter(
                        i ->
                                MeasurementPoint.of(Measurements.LIMB_VOLUME, T0.plusSeconds(i))
                                        .tag("patient", "p-" + (i % 10))
                                        .tag("limb", "ARM")
                                        .tag("side", "LEFT")
                                        .tag("method", "PEROMETER")
                                        .tag("device", device)
                                        .field("volume_ml", 2400.0 + i)
                                        .field("reading_id", device + "-" + i)
                                        .toLineProtocol());
    }

    /** Indexes 0..count-1, at most perSecond of them a second (null: as fast as possible). */
    private static DataGeneratorSource<Long> samples(int count, Double perSecond) {
        return new DataGeneratorSource<>(
                i -> i,
                count,
                perSecond == null
                        ? RateLimiterStrategy.noOp()
                        : RateLimiterStrategy.perSecond(perSecond),
                Types.LONG);
    }

    private static StreamExecutionEnvironment checkpointedEnvironment(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.enableCheckpointing(1_000);
        return env;
    }

    private static StreamExecutionEnvironment failFastEnvironment() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        return env;
    }

    /** Polls until some of a test's points are stored; returns how many were seen first. */
    private static long awaitFirstPoints(String test) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            long stored = storedPoints(test);
            if (stored > 0) {
                return stored;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + test + " point arrived within " + JOB_TIMEOUT);
    }

    private static long storedPoints(String test) throws Exception {
        return questDb.queryLong(
                "SELECT count() FROM limb_volume WHERE device = 'sink-" + test + "'");
    }

    private static long distinctReadings(String test) throws Exception {
        return questDb.queryLong(
                "SELECT count_distinct(reading_id) FROM limb_volume WHERE device = 'sink-"
                        + test
                        + "'");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}

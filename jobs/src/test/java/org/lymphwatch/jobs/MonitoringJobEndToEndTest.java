package org.lymphwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.jobs.influx.CapturedLogs;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.RejectedReadingJson;
import org.lymphwatch.model.Validation;

/**
 * The monitoring job end to end in one JVM: a real Kafka broker, the Flink MiniCluster with
 * checkpoints every second, and the QuestDB store over the InfluxDB v2 write API, fed a simulated
 * cohort with device faults. The offline analyzer over the same messages is the reference: the job
 * must decide the same alerts (STALE_DATA, which follows the clock, within its stated tolerance),
 * exactly once, through failures, rescaling and bad input.
 */
class MonitoringJobEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static EmbeddedKafka kafka;
    private EmbeddedQuestDb store;
    private JobHarness harness;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** A store per test: the simulated cohorts reuse patient ids. */
    @BeforeEach
    void startStore() throws Exception {
        store = EmbeddedQuestDb.start();
        harness = new JobHarness(kafka, store);
    }

    @AfterEach
    void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void alertsEqualTheOfflineAnalyzersAndEveryReadingIsStoredOnce() throws Exception {
        JobHarness.Cohort cohort = JobHarness.Cohort.simulate(150, 500, 20261128L);
        Instant receivedAt = Instant.now();
        JobConfig config = harness.config("parity", true);
        harness.createTopics(config, 2);
        harness.publishPatients(config, cohort.patients());
        harness.publishReadings(config, cohort.messages());

        harness.environment(config, 2, sink -> sink).execute("parity");

        Map<String, List<Alert>> job = harness.alerts(config);
        Map<String, List<Alert>> offline = JobHarness.offline(cohort, receivedAt);
        assertThat(JobHarness.withoutStale(job)).isEqualTo(JobHarness.withoutStale(offline));
        assertThat(JobHarness.withoutStale(job)).hasSizeGreaterThan(50);
        assertStaleWithinTolerance(job, offline, cohort, receivedAt);
        assertNoEventTwice(job);

        Expected expected = Expected.of(cohort, receivedAt);
        assertStoreHolds(expected, job);
        assertThat(deadLetters(config)).isEqualTo(expected.rejects);
        assertPipelineCounts(expected, job);
    }

    @Test
    void fiveTaskFailuresLoseNothingAndDoubleNothing() throws Exception {
        JobHarness.Cohort cohort = JobHarness.Cohort.simulate(100, 365, 11L);
        Instant receivedAt = Instant.now();
        JobConfig config = harness.config("failures", false);
        harness.createTopics(config, 2);
        harness.publishPatients(config, cohort.patients());
        List<List<String>> chunks = chunks(cohort.messages(), 6);

        FailingSink.reset();
        CapturedLogs logs = new CapturedLogs();
        JobClient job = harness.environment(config, 2, FailingSink::new).executeAsync("failures");
        try {
            harness.publishReadings(config, chunks.get(0));
            for (int i = 1; i < chunks.size(); i++) {
                // Two completed checkpoints, each flushing four writers (two store sinks at
                // parallelism 2); then the next write fails.
                int flushes = FailingSink.flushes();
                await(() -> FailingSink.flushes() >= flushes + 8, "two checkpoints");
                FailingSink.arm();
                harness.publishReadings(config, chunks.get(i));
                await(() -> FailingSink.failures() == FailingSink.armed(), "the failure");
            }
            awaitConsumed(config, cohort.messages().size());
        } finally {
            job.cancel().get();
            logs.close();
        }
        assertThat(FailingSink.failures()).isEqualTo(5);
        // Five recoveries of the transactional sink, and no false alarm of data loss among them
        // (the broker runs transaction.version 1; see docs/job.md).
        assertThat(logs.entries()).noneMatch(e -> e.contains("data loss"));

        assertExactlyWhatAnalyzeDecides(cohort, receivedAt, config);
    }

    @Test
    void aStoreOutageOfMinutesEndsWithTheJobRunningAndTheStoreExact() throws Exception {
        JobHarness.Cohort cohort = JobHarness.Cohort.simulate(30, 200, 21L);
        Instant receivedAt = Instant.now();
        // The sink gives up on a batch after 5 s; restarts back off to 10 s, without a limit.
        JobConfig config =
                harness.config("outage", false)
                        .withStoreMaxOutage(Duration.ofSeconds(5))
                        .withRestartDelays(Duration.ofMillis(500), Duration.ofSeconds(10));
        harness.createTopics(config, 2);
        harness.publishPatients(config, cohort.patients());
        int half = cohort.messages().size() / 2;
        harness.publishReadings(config, cohort.messages().subList(0, half));

        JobClient job = harness.environment(config, 2, sink -> sink).executeAsync("outage");
        try {
            awaitConsumed(config, half);
            store.stop();
            harness.publishReadings(
                    config, cohort.messages().subList(half, cohort.messages().size()));
            Thread.sleep(Duration.ofSeconds(150).toMillis());
            store.restart();
            awaitConsumed(config, cohort.messages().size());
            assertThat(job.getJobStatus().get())
                    .isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
        assertExactlyWhatAnalyzeDecides(cohort, receivedAt, config);
    }

    @Test
    void aFailureBetweenACompletedCheckpointAndItsKafkaCommitLosesNothing() throws Exception {
        JobHarness.Cohort cohort = JobHarness.Cohort.simulate(40, 240, 17L);
        Instant receivedAt = Instant.now();
        JobConfig config = harness.config("commit-window", false);
        harness.createTopics(config, 2);
        harness.publishPatients(config, cohort.patients());
        int half = cohort.messages().size() / 2;
        harness.publishReadings(config, cohort.messages().subList(0, half));

        CommitFailingSink.reset();
        CapturedLogs logs = new CapturedLogs();
        JobClient job =
                harness.environmentWith(
                                config,
                                2,
                                ends ->
                                        ends.withTopics(
                                                new CommitFailingSink(
                                                        (KafkaSink<TopicRecord>) ends.topics())),
                                null)
                        .executeAsync("commit-window");
        try {
            await(() -> CommitFailingSink.commits() >= 2, "two committed checkpoints");
            // The next checkpoint completes, then its commit fails: the task restarts and the
            // restored committer must commit those transactions, neither losing nor doubling.
            CommitFailingSink.arm();
            harness.publishReadings(
                    config, cohort.messages().subList(half, cohort.messages().size()));
            await(CommitFailingSink::failed, "the failed commit");
            awaitConsumed(config, cohort.messages().size());
        } finally {
            job.cancel().get();
            logs.close();
        }
        assertExactlyWhatAnalyzeDecides(cohort, receivedAt, config);
        assertThat(logs.entries()).noneMatch(e -> e.contains("data loss"));
    }

    @Test
    void rocksDbWithIncrementalCheckpointsDecidesTheSame(@TempDir java.nio.file.Path dir)
            throws Exception {
        JobHarness.Cohort cohort = JobHarness.Cohort.simulate(40, 200, 8L);
        Instant receivedAt = Instant.now();
        JobConfig config =
                harness.config("rocksdb", true).withStateBackend("rocksdb", dir.toUri().toString());
        harness.createTopics(config, 2);
        harness.publishPatients(config, cohort.patients());
        harness.publishReadings(config, cohort.messages());

        harness.environment(config, 2, sink -> sink).execute("rocksdb");

        assertThat(JobHarness.withoutStale(harness.alerts(config)))
                .isEqualTo(JobHarness.withoutStale(JobHarness.offline(cohort, receivedAt)));
    }

    @Test
    void rescaledFromASavepointToOneAndFourTheAlertsStayTheSame(@TempDir java.nio.file.Path dir)
            throws Exception {
        JobHarness.Cohort cohort = JobHarness.Cohort.simulate(60, 300, 5L);
        Map<String, List<Alert>> offline =
                JobHarness.withoutStale(JobHarness.offline(cohort, Instant.now()));
        JobConfig first = harness.config("rescale", false);
        harness.createTopics(first, 2);
        harness.publishPatients(first, cohort.patients());
        int half = cohort.messages().size() / 2;
        harness.publishReadings(first, cohort.messages().subList(0, half));

        JobClient job = harness.environment(first, 2, sink -> sink).executeAsync("rescale-2");
        awaitConsumed(first, half);
        String savepoint =
                job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        harness.publishReadings(first, cohort.messages().subList(half, cohort.messages().size()));
        Map<String, List<Alert>> beforeSavepoint = harness.alerts(first);

        for (int parallelism : new int[] {1, 4}) {
            // The restored job continues into its own output topics, so both runs can be read;
            // its own group shows when it has read to the end (offsets come from the savepoint).
            // Unbounded: splits restored from an unbounded job keep having no stopping offset.
            JobConfig.Topics t = first.topics();
            JobConfig restored =
                    first.withNames("rescale-group-" + parallelism, "rescale-" + parallelism)
                            .withTopics(
                                    new JobConfig.Topics(
                                            t.readings(),
                                            t.rejected() + "-" + parallelism,
                                            t.patients(),
                                            t.alerts() + "-" + parallelism,
                                            t.status() + "-" + parallelism,
                                            t.actions()));
            kafka.createTopics(2, restored.topics().rejected(), restored.topics().alerts());
            kafka.createCompactedTopic(restored.topics().status(), 2);
            JobClient resumed =
                    harness.environment(restored, parallelism, sink -> sink, savepoint)
                            .executeAsync("rescale-" + parallelism);
            try {
                awaitConsumed(restored, cohort.messages().size());
            } finally {
                resumed.cancel().get();
            }

            Map<String, List<Alert>> all = new HashMap<>();
            beforeSavepoint.forEach((p, a) -> all.put(p, new ArrayList<>(a)));
            harness.alerts(restored)
                    .forEach((p, a) -> all.computeIfAbsent(p, k -> new ArrayList<>()).addAll(a));
            assertThat(JobHarness.withoutStale(all))
                    .as("parallelism " + parallelism)
                    .isEqualTo(offline);
            assertNoEventTwice(all);
        }
    }

    @Test
    void badInputUnknownPatientsAndLateDataNeverStopTheJob() throws Exception {
        JobHarness.Cohort cohort = JobHarness.Cohort.simulate(40, 200, 3L);
        List<String> messages = new ArrayList<>(cohort.messages());
        // Ten thousand malformed messages of every kind, interleaved with the real traffic.
        List<String> poison = Poison.messages(10_000, 99L);
        for (int i = 0; i < poison.size(); i++) {
            messages.add((int) ((long) i * messages.size() / poison.size()), poison.get(i));
        }
        // Readings of a patient who is never registered: held, then dead-lettered.
        List<String> stranger = Poison.unregisteredPatient("p-999999", 30);
        messages.addAll(messages.size() / 3, stranger);
        JobHarness.Cohort withFaults = new JobHarness.Cohort(cohort.patients(), messages);
        Instant receivedAt = Instant.now();

        // Registered only after its readings arrived: they wait for the record.
        JobConfig config = harness.config("faults", true);
        harness.createTopics(config, 2);
        harness.publishPatients(config, cohort.patients().subList(1, cohort.patients().size()));
        harness.publishReadings(config, messages);
        harness.publishPatients(config, cohort.patients().subList(0, 1));

        // No restarts allowed: one poison message that failed a task would fail the test.
        var env = harness.environment(config, 2, sink -> sink);
        env.configure(
                org.apache.flink.configuration.Configuration.fromMap(
                        Map.of("restart-strategy.type", "none")));
        env.execute("faults");

        assertThat(JobHarness.withoutStale(harness.alerts(config)))
                .isEqualTo(JobHarness.withoutStale(JobHarness.offline(withFaults, receivedAt)));
        Expected expected = Expected.of(withFaults, receivedAt);
        Map<RejectReason, Long> rejects = new EnumMap<>(expected.rejects);
        rejects.merge(RejectReason.UNKNOWN_PATIENT, (long) stranger.size(), Long::sum);
        assertThat(deadLetters(config)).isEqualTo(rejects);
        assertThat(expected.rejects.values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThanOrEqualTo(10_000);
    }

    // ---- expectations and checks ----

    /**
     * The job's alerts are analyze's (STALE_DATA aside), none twice, the store holds every reading
     * and event once, and every bad message is a dead letter with its reason.
     */
    private void assertExactlyWhatAnalyzeDecides(
            JobHarness.Cohort cohort, Instant receivedAt, JobConfig config) throws Exception {
        Map<String, List<Alert>> alerts = harness.alerts(config);
        assertThat(JobHarness.withoutStale(alerts))
                .isEqualTo(JobHarness.withoutStale(JobHarness.offline(cohort, receivedAt)));
        assertNoEventTwice(alerts);
        Expected expected = Expected.of(cohort, receivedAt);
        assertStoreHolds(expected, alerts);
        assertThat(deadLetters(config)).isEqualTo(expected.rejects);
    }

    /** What the job must have done with the messages, from the validator's verdicts. */
    private record Expected(
            Set<String> storedReadingIds, long duplicates, Map<RejectReason, Long> rejects) {

        static Expected of(JobHarness.Cohort cohort, Instant receivedAt) {
            Set<String> patients = new HashSet<>();
            cohort.patients().forEach(p -> patients.add(p.patientId()));
            Set<String> stored = new HashSet<>();
            long duplicates = 0;
            Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
            var validator = new org.lymphwatch.model.ReadingValidator();
            for (String m : cohort.messages()) {
                Validation v = validator.validate(m.getBytes(StandardCharsets.UTF_8), receivedAt);
                if (v instanceof Validation.Accepted a) {
                    if (patients.contains(a.reading().patientId())
                            && !stored.add(a.reading().readingId())) {
                        duplicates++;
                    }
                } else {
                    rejects.merge(((Validation.Rejected) v).rejection().reason(), 1L, Long::sum);
                }
            }
            return new Expected(stored, duplicates, rejects);
        }
    }

    /**
     * STALE_DATA is decided on the watermark, which trails the analyzer's clock (the newest reading
     * itself), in two ways. A replay faster than real time can see a patient's next reading before
     * the silence deadline passes on the watermark: the job then raises no STALE_DATA where the
     * analyzer did. And "last heard from" is the clock when a reading arrives, at least the
     * reading's own time: the job's (the watermark) can be earlier than the analyzer's, so its
     * deadline can be earlier too, and a silence just short of the limit on the analyzer's clock
     * can reach it on the job's. The tolerance, exactly: every STALE_DATA episode of the job lies
     * within one of the analyzer's, or opened at a deadline between "the reading's own time + the
     * limit" and "the analyzer's clock at its arrival + the limit" for one of the patient's
     * readings.
     */
    private static void assertStaleWithinTolerance(
            Map<String, List<Alert>> job,
            Map<String, List<Alert>> offline,
            JobHarness.Cohort cohort,
            Instant receivedAt) {
        Map<String, List<long[]>> heard = JobHarness.heardFrom(cohort, receivedAt);
        Map<String, Long> limitMs = new HashMap<>();
        Thresholds.Timing timing = Thresholds.DEFAULT.timing();
        for (Patient p : cohort.patients()) {
            double days =
                    Math.max(
                            p.cadenceDays() * timing.staleCadenceFactor(),
                            timing.staleMinimumDays());
            limitMs.put(p.patientId(), Math.round(days * 86_400_000d));
        }
        for (String patient : job.keySet()) {
            List<long[]> reference = staleEpisodes(offline.getOrDefault(patient, List.of()));
            long limit = limitMs.get(patient);
            List<long[]> readings = heard.getOrDefault(patient, List.of());
            for (long[] e : staleEpisodes(job.get(patient))) {
                boolean withinOffline =
                        reference.stream().anyMatch(r -> r[0] <= e[1] && e[0] <= r[1]);
                boolean earlierLastHeard =
                        readings.stream()
                                .anyMatch(h -> h[0] + limit <= e[0] && e[0] <= h[1] + limit);
                assertThat(withinOffline || earlierLastHeard)
                        .as("STALE_DATA of %s from %s", patient, Instant.ofEpochMilli(e[0]))
                        .isTrue();
            }
        }
    }

    /** [opened, resolved] per STALE_DATA episode; still open: up to the end of time. */
    private static List<long[]> staleEpisodes(List<Alert> alerts) {
        Map<String, long[]> byId = new HashMap<>();
        for (Alert a : alerts) {
            if (a.type() != AlertType.STALE_DATA) {
                continue;
            }
            long at = a.at().toInstant().toEpochMilli();
            if (a.state() == AlertState.OPENED) {
                byId.put(a.alertId(), new long[] {at, Long.MAX_VALUE});
            } else if (a.state() == AlertState.RESOLVED && byId.containsKey(a.alertId())) {
                byId.get(a.alertId())[1] = at;
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static void assertNoEventTwice(Map<String, List<Alert>> alerts) {
        Set<String> events = new HashSet<>();
        alerts.values()
                .forEach(
                        list ->
                                list.forEach(
                                        a ->
                                                assertThat(
                                                                events.add(
                                                                        a.alertId()
                                                                                + "#"
                                                                                + a.revision()))
                                                        .as("published twice: %s", a)
                                                        .isTrue()));
    }

    private void assertStoreHolds(Expected expected, Map<String, List<Alert>> alerts)
            throws Exception {
        store.awaitApplied(Duration.ofMinutes(1));
        long readings =
                store.queryLong("SELECT count() FROM limb_volume")
                        + store.queryLong("SELECT count() FROM bioimpedance")
                        + store.queryLong("SELECT count() FROM patient_context");
        assertThat(readings).isEqualTo(expected.storedReadingIds().size());
        // Every committed event is in the store once; a failed attempt may leave a STALE_DATA
        // point of its own besides (docs/job.md), so those are compared apart.
        long events = JobHarness.withoutStale(alerts).values().stream().mapToLong(List::size).sum();
        assertThat(store.queryLong("SELECT count() FROM alert WHERE type != 'STALE_DATA'"))
                .isEqualTo(events);
        long stale =
                alerts.values().stream()
                        .flatMap(List::stream)
                        .filter(a -> a.type() == AlertType.STALE_DATA)
                        .count();
        assertThat(store.queryLong("SELECT count() FROM alert WHERE type = 'STALE_DATA'"))
                .isGreaterThanOrEqualTo(stale);
        assertThat(store.queryLong("SELECT count_distinct(patient) FROM patient_status"))
                .isGreaterThan(0);
    }

    /**
     * The pipeline-health measurement counts every message once by what became of it, including the
     * last minute of a bounded run, which ends before that minute does.
     */
    private void assertPipelineCounts(Expected expected, Map<String, List<Alert>> alerts)
            throws Exception {
        Map<String, Long> expectedCounts = new TreeMap<>();
        expectedCounts.put("ACCEPTED/NONE", (long) expected.storedReadingIds().size());
        expectedCounts.put("DUPLICATE/NONE", expected.duplicates());
        expected.rejects().forEach((reason, n) -> expectedCounts.put("REJECTED/" + reason, n));
        alerts.values().stream()
                .flatMap(List::stream)
                .filter(a -> a.state() == AlertState.OPENED)
                .forEach(a -> expectedCounts.merge("ALERT/" + a.type(), 1L, Long::sum));
        Map<String, Long> counted = new TreeMap<>();
        for (Map<String, Object> row :
                store.query(
                        "SELECT outcome, reason, sum(count) n FROM pipeline"
                                + " WHERE outcome != 'SKIPPED' GROUP BY outcome, reason")) {
            counted.put(
                    row.get("outcome") + "/" + row.get("reason"),
                    ((Number) row.get("n")).longValue());
        }
        assertThat(counted).isEqualTo(expectedCounts);
        assertThat(expected.duplicates()).isPositive();
    }

    private Map<RejectReason, Long> deadLetters(JobConfig config) {
        Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
        for (var r : kafka.readAllCommitted(config.topics().rejected())) {
            RejectedReading dead = RejectedReadingJson.read(r.value());
            assertThat(dead.detail()).isNotBlank();
            reasons.merge(dead.reason(), 1L, Long::sum);
        }
        return reasons;
    }

    /** Waits until the job's source has committed (on a checkpoint) the end of the readings. */
    private void awaitConsumed(JobConfig config, long messages) throws Exception {
        await(
                () ->
                        kafka.committed(config.consumerGroup(), config.topics().readings())
                                >= messages,
                "the job to consume every reading");
        // One more checkpoint commits what those readings produced.
        Thread.sleep(3000);
    }

    private static List<List<String>> chunks(List<String> all, int n) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(all.subList(i * all.size() / n, (i + 1) * all.size() / n));
        }
        return out;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /**
     * The job's Kafka sink with a committer that, once armed, fails the next commit: the checkpoint
     * has completed, its transactions are prepared, and the task dies before committing them.
     */
    static final class CommitFailingSink
            implements TwoPhaseCommittingStatefulSink<
                            TopicRecord, KafkaWriterState, KafkaCommittable>,
                    SupportsPostCommitTopology<KafkaCommittable> {
        private static final AtomicInteger COMMITS = new AtomicInteger();
        private static final java.util.concurrent.atomic.AtomicBoolean ARMED =
                new java.util.concurrent.atomic.AtomicBoolean();
        private static final java.util.concurrent.atomic.AtomicBoolean FAILED =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final KafkaSink<TopicRecord> delegate;

        CommitFailingSink(KafkaSink<TopicRecord> delegate) {
            this.delegate = delegate;
        }

        static void reset() {
            COMMITS.set(0);
            ARMED.set(false);
            FAILED.set(false);
        }

        static void arm() {
            ARMED.set(true);
        }

        static boolean failed() {
            return FAILED.get();
        }

        static int commits() {
            return COMMITS.get();
        }

        @Override
        public PrecommittingStatefulSinkWriter<TopicRecord, KafkaWriterState, KafkaCommittable>
                createWriter(WriterInitContext context) throws IOException {
            return delegate.createWriter(context);
        }

        @Override
        public PrecommittingStatefulSinkWriter<TopicRecord, KafkaWriterState, KafkaCommittable>
                restoreWriter(
                        WriterInitContext context, java.util.Collection<KafkaWriterState> states)
                        throws IOException {
            return delegate.restoreWriter(context, states);
        }

        @Override
        public org.apache.flink.core.io.SimpleVersionedSerializer<KafkaWriterState>
                getWriterStateSerializer() {
            return delegate.getWriterStateSerializer();
        }

        @Override
        public Committer<KafkaCommittable> createCommitter(CommitterInitContext context)
                throws IOException {
            Committer<KafkaCommittable> committer = delegate.createCommitter(context);
            return new Committer<>() {
                @Override
                public void commit(java.util.Collection<CommitRequest<KafkaCommittable>> requests)
                        throws IOException, InterruptedException {
                    if (!requests.isEmpty() && ARMED.get() && FAILED.compareAndSet(false, true)) {
                        throw new IOException("injected failure before the Kafka commit");
                    }
                    committer.commit(requests);
                    if (!requests.isEmpty()) {
                        COMMITS.incrementAndGet();
                    }
                }

                @Override
                public void close() throws Exception {
                    committer.close();
                }
            };
        }

        @Override
        public org.apache.flink.core.io.SimpleVersionedSerializer<KafkaCommittable>
                getCommittableSerializer() {
            return delegate.getCommittableSerializer();
        }

        @Override
        public void addPostCommitTopology(
                org.apache.flink.streaming.api.datastream.DataStream<
                                CommittableMessage<KafkaCommittable>>
                        committables) {
            delegate.addPostCommitTopology(committables);
        }
    }
}

package org.lymphwatch.cli;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.lymphwatch.analytics.OfflineAnalyzer;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.embedded.Directories;
import org.lymphwatch.jobs.FailingSink;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.KafkaEnds;
import org.lymphwatch.jobs.MonitorPoints;
import org.lymphwatch.jobs.MonitoringJob;
import org.lymphwatch.jobs.RawReading;
import org.lymphwatch.jobs.ReadingPoints;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Throughput of the monitoring job against baselines, side by side in one JVM on one embedded stack
 * and the same published readings (BENCHMARKS.md): a Kafka→Kafka pass-through, the job with the
 * store discarded, the full job, and a plain blocking loader of the job's store points.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the monitoring job against baselines on the embedded stack, one after the"
                    + " other on the same published readings of DIR (a simulated cohort):",
            "  a  Flink Kafka->Kafka pass-through (bytes in, bytes out, exactly once)",
            "  b  the monitoring job with its InfluxDB sink discarding",
            "  c  the full monitoring job",
            "  d  a plain influxdb-client-java blocking loader of the points the job writes",
            "Prints readings/s for each and the ratios b/a, c/a, and c's points/s against d.",
            "More runs (BENCHMARKS.md), named in --runs:",
            "  sink          the job's InfluxDB sink alone, fed d's points at the job's parallelism:",
            "                sink / d is what the sink keeps of the store's speed",
            "  nocheckpoint  c with checkpointing off: c / nocheckpoint is the checkpoint cost",
            "  failure       c with one task failure half-way: time to process again, time lost",
            "  savepoint     c unbounded until every reading is checkpointed, then a savepoint:",
            "                readings/s and savepoint bytes per patient",
            "  latency       the file's last --paced readings sent at --rate per second after the"
                    + " rest: produce -> committed alert p50/p99"
        })
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "cohort directory")
    Path in;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "PT1S", paramLabel = "DURATION")
    Duration checkpointInterval;

    @Option(
            names = "--runs",
            defaultValue = "a,b,c,d",
            split = ",",
            description =
                    "which of a, b, c, d, sink, nocheckpoint, failure, savepoint, latency to run, in"
                            + " this order; a run named twice counts with its last figure"
                            + " (default ${DEFAULT-VALUE})")
    List<String> runs;

    @Option(
            names = "--rate",
            defaultValue = "300",
            paramLabel = "N",
            description = "latency: readings per second (default ${DEFAULT-VALUE})")
    int pacedRate;

    @Option(
            names = "--paced",
            defaultValue = "30000",
            paramLabel = "N",
            description =
                    "latency: how many of the file's last readings are paced (default"
                            + " ${DEFAULT-VALUE})")
    int paced;

    @Option(names = "--state-backend", defaultValue = "hashmap", paramLabel = "NAME")
    String stateBackend;

    @Option(
            names = "--status-interval",
            paramLabel = "DURATION",
            description =
                    "publish a patient's status at most this often, whatever changed it"
                            + " (default: the job's status.interval and status.routineInterval):"
                            + " what the board's freshness costs")
    Duration statusInterval;

    @Override
    public Integer call() throws Exception {
        for (String run : runs) {
            if (!RUNS.contains(run)) {
                throw new BadInputException("--runs: unknown run " + run + "; one of " + RUNS);
            }
        }
        Map<String, Patient> patients =
                AnalyzeCommand.readPatients(in.resolve(AnalyzeCommand.PATIENTS));
        Path readingsFile = in.resolve(AnalyzeCommand.READINGS);
        if (!Files.isReadable(readingsFile)) {
            throw new BadInputException(readingsFile + ": not found");
        }
        PrintWriter say = spec.commandLine().getOut();
        Instant receivedAt = Instant.now();
        Map<String, Double> rate = new HashMap<>();
        // On disk, as in production: the JobManager's memory takes at most 5 MB of state.
        Path work = Files.createTempDirectory("lymphwatch-bench-");
        long n = 0;
        try (EmbeddedStack stack = EmbeddedStack.start(parallelism)) {
            JobConfig configured =
                    stack.config
                            .withBounded(true)
                            .withCheckpointInterval(checkpointInterval)
                            .withStateBackend(
                                    stateBackend, work.resolve("checkpoints").toUri().toString());
            JobConfig base =
                    statusInterval == null
                            ? configured
                            : configured.withStatusIntervals(statusInterval, statusInterval);
            if (!List.of("latency").containsAll(runs)) {
                n = ReplayCommand.publish(stack, base, patients, readingsFile, receivedAt);
                say.printf(
                        "bench: %d readings of %d patients published; parallelism %d, checkpoints"
                                + " every %s, state %s, status within %s of a change and a"
                                + " patient's readings at most every %s%n",
                        n,
                        patients.size(),
                        parallelism,
                        checkpointInterval,
                        stateBackend,
                        base.statusInterval(),
                        base.routineStatusInterval());
                say.flush();
            }
            // In the order given: the first job run of a JVM also pays for JIT compilation, so
            // e.g. "nocheckpoint,c,nocheckpoint,c" compares warm runs; a repeated run's last
            // figure counts.
            for (int i = 0; i < runs.size(); i++) {
                String name = runs.get(i);
                String topics = runs.indexOf(name) == i ? name : name + i;
                // Each run that writes the store starts on an empty one, as a replay does: the
                // same points again into full tables are an upsert of every row.
                if (STORE_WRITERS.contains(name)) {
                    stack.emptyStore();
                }
                switch (name) {
                    case "a" ->
                            rate.put(
                                    "a",
                                    time(
                                            say,
                                            "a pass-through",
                                            n,
                                            () -> passThrough(stack, base, topics)));
                    case "b" -> {
                        JobConfig b = run(stack, base, topics);
                        rate.put(
                                "b",
                                time(
                                        say,
                                        "b job, store discarded",
                                        n,
                                        () -> job(b, s -> new Discarding()).execute("bench")));
                    }
                    case "c" -> {
                        JobConfig c = run(stack, base, topics);
                        // Counted as they go to the store: a second c stores the same rows again.
                        FailingSink.reset();
                        rate.put(
                                "c",
                                time(
                                        say,
                                        "c full job",
                                        n,
                                        () -> job(c, FailingSink::new).execute("bench")));
                        rate.put("c-points", (double) FailingSink.writes() * rate.get("c") / n);
                    }
                    case "nocheckpoint" -> {
                        JobConfig e = run(stack, base, topics);
                        rate.put(
                                "nocheckpoint",
                                time(
                                        say,
                                        "c without checkpoints",
                                        n,
                                        () -> job(e, s -> s, false).execute("bench")));
                    }
                    case "failure" ->
                            rate.put("failure", failure(stack, run(stack, base, topics), n, say));
                    case "savepoint" ->
                            savepoint(
                                    stack, run(stack, base, topics), n, patients.size(), work, say);
                    case "d", "sink" -> {
                        List<String> lines = points(patients, readingsFile, receivedAt);
                        boolean plain = name.equals("d");
                        rate.put(
                                name,
                                time(
                                        say,
                                        (plain ? "d plain blocking loader, " : "sink alone, ")
                                                + lines.size()
                                                + " points",
                                        lines.size(),
                                        plain
                                                ? () -> load(stack, lines)
                                                : () -> sinkAlone(stack, base, lines)));
                    }
                    case "latency" -> latency(stack, base, patients, readingsFile, receivedAt, say);
                    default -> throw new IllegalStateException(name);
                }
            }
        } finally {
            Directories.delete(work);
        }
        ratio(say, rate, "b", "a");
        ratio(say, rate, "c", "a");
        ratio(say, rate, "c-points", "d");
        ratio(say, rate, "sink", "d");
        ratio(say, rate, "c", "nocheckpoint");
        if (rate.containsKey("c") && rate.containsKey("failure")) {
            say.printf(
                    "bench: failure: %.1f s longer than c on the same readings%n",
                    n / rate.get("failure") - n / rate.get("c"));
        }
        return 0;
    }

    private static final List<String> RUNS =
            List.of("a", "b", "c", "d", "sink", "nocheckpoint", "failure", "savepoint", "latency");

    private static final Set<String> STORE_WRITERS =
            Set.of("c", "d", "sink", "nocheckpoint", "failure", "savepoint", "latency");

    /** The points the job writes for these readings (runs d and sink), computed once. */
    private List<String> points;

    private List<String> points(Map<String, Patient> patients, Path readingsFile, Instant at)
            throws Exception {
        if (points == null) {
            points = storePoints(patients, readingsFile, at);
        }
        return points;
    }

    /** The points of {@link #sinkAlone}: its tasks run in this JVM (the MiniCluster). */
    private static volatile List<String> sinkPoints;

    /**
     * The job's store sink as the job builds it, alone: at the job's parallelism, fed the points
     * baseline d loads, each subtask its share of them.
     */
    private void sinkAlone(EmbeddedStack stack, JobConfig config, List<String> lines)
            throws Exception {
        sinkPoints = lines;
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        env.setParallelism(parallelism);
        env.fromSource(
                        new NumberSequenceSource(0, lines.size() - 1),
                        WatermarkStrategy.noWatermarks(),
                        "points")
                .map(i -> sinkPoints.get(i.intValue()))
                .returns(Types.STRING)
                .sinkTo(MonitoringJob.Endpoints.of(config).store());
        env.execute("bench-sink");
        sinkPoints = null;
        stack.awaitStore();
    }

    /**
     * The full job with one task failure once half the readings are checkpointed: the store sink
     * throws (the job tests' {@link FailingSink}), Flink restarts the job from its last checkpoint
     * after the configured restart delay. Returns readings/s over the whole run.
     */
    private double failure(EmbeddedStack stack, JobConfig config, long n, PrintWriter say)
            throws Exception {
        FailingSink.reset();
        long[] committingAgainNanos = {0};
        double perSecond =
                time(
                        say,
                        "c with one task failure",
                        n,
                        () -> {
                            JobClient job = job(config, FailingSink::new).executeAsync("bench");
                            var result = job.getJobExecutionResult();
                            // A short input can end before half of it is checkpointed: then
                            // no failure is injected and the run says so.
                            if (checkpointed(stack, config, n / 2, result)) {
                                FailingSink.arm();
                            }
                            while (FailingSink.armed() > 0
                                    && FailingSink.failures() == 0
                                    && !result.isDone()) {
                                Thread.sleep(20);
                            }
                            if (FailingSink.failures() > 0) {
                                // Restored to its last checkpoint, the job commits alerts again
                                // once a checkpoint completes after the restart: what a clinician
                                // notices.
                                long before = committed(stack, config);
                                awaitCheckpointed(stack, config, before + 1, result);
                                committingAgainNanos[0] = System.nanoTime();
                            }
                            result.get();
                        });
        long failedAt = FailingSink.failedAtNanos();
        if (failedAt == 0) {
            say.printf("bench: failure: the input ended before the failure (too short?)%n");
            return perSecond;
        }
        say.printf(
                "bench: failure: processing again %.1f s, committing new input again %.1f s after"
                        + " the failure (restart delay %s)%n",
                (FailingSink.resumedAtNanos() - failedAt) / 1e9,
                (committingAgainNanos[0] - failedAt) / 1e9,
                config.restartInitialDelay());
        return perSecond;
    }

    /**
     * The full job, unbounded, until its source has checkpointed every reading; then stop with a
     * savepoint, whose size over the patients is the state a patient costs (keyed state, timers,
     * and the sources' and sinks' small share).
     */
    private void savepoint(
            EmbeddedStack stack, JobConfig config, long n, int patients, Path work, PrintWriter say)
            throws Exception {
        JobConfig unbounded = config.withBounded(false);
        JobClient job = job(unbounded, s -> s).executeAsync("bench");
        long started = System.nanoTime();
        awaitCheckpointed(stack, unbounded, n, job.getJobExecutionResult());
        double seconds = (System.nanoTime() - started) / 1e9;
        say.printf(
                "bench: %-45s %10.0f /s  (%d in %.1f s, until checkpointed)%n",
                "savepoint run: c unbounded", n / seconds, n, seconds);
        long savepointStarted = System.nanoTime();
        String path =
                job.stopWithSavepoint(
                                false,
                                work.resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get();
        long bytes = sizeOf(Path.of(java.net.URI.create(path)));
        say.printf(
                "bench: savepoint: %d bytes in %.1f s, %d patients: %.0f bytes per patient%n",
                bytes,
                (System.nanoTime() - savepointStarted) / 1e9,
                patients,
                (double) bytes / patients);
        say.flush();
    }

    /** Alert latency on topics of its own: the file but its last readings fast, those paced. */
    private void latency(
            EmbeddedStack stack,
            JobConfig base,
            Map<String, Patient> patients,
            Path readingsFile,
            Instant receivedAt,
            PrintWriter say)
            throws Exception {
        JobConfig run = run(stack, base, "latency").withBounded(false);
        JobConfig.Topics t = run.topics();
        JobConfig config =
                run.withTopics(
                        new JobConfig.Topics(
                                "latency-" + t.readings(),
                                t.rejected(),
                                "latency-" + t.patients(),
                                t.alerts(),
                                t.status(),
                                t.actions()));
        stack.kafka.createTopics(parallelism, config.topics().readings());
        stack.kafka.createCompactedTopic(config.topics().patients(), parallelism);
        long total;
        try (var lines = Files.lines(readingsFile)) {
            total = lines.count();
        }
        List<byte[]> tail = new ArrayList<>();
        long warm =
                ReplayCommand.publish(
                        stack,
                        config,
                        patients,
                        readingsFile,
                        receivedAt,
                        Math.max(0, total - paced),
                        tail::add);
        JobClient job = job(config, s -> s).executeAsync("bench");
        try {
            time(
                    say,
                    "latency: the first readings, fast",
                    warm,
                    () -> awaitCheckpointed(stack, config, warm, job.getJobExecutionResult()));
            AlertLatency.measure(
                            stack,
                            config.topics().readings(),
                            config.topics().alerts(),
                            tail,
                            pacedRate,
                            checkpointInterval.multipliedBy(3).plusSeconds(5))
                    .print(say, checkpointInterval);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Waits until the job's source group has checkpointed {@code offsets} readings. Watches the
     * job's result, not its status: a job's own MiniCluster is gone once the job ends.
     */
    private static void awaitCheckpointed(
            EmbeddedStack stack, JobConfig config, long offsets, Future<?> result)
            throws Exception {
        if (!checkpointed(stack, config, offsets, result)) {
            throw new IllegalStateException(
                    "the job ended before checkpointing " + offsets + " readings");
        }
    }

    /** Whether the source group checkpointed {@code offsets} readings before the job ended. */
    private static boolean checkpointed(
            EmbeddedStack stack, JobConfig config, long offsets, Future<?> result)
            throws Exception {
        while (committed(stack, config) < offsets) {
            // A short job can commit its last offsets and end between the two looks.
            if (result.isDone()) {
                return committed(stack, config) >= offsets;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static long committed(EmbeddedStack stack, JobConfig config) {
        return stack.kafka.committed(config.consumerGroup(), config.topics().readings());
    }

    private static long sizeOf(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(BenchCommand::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double time(PrintWriter say, String what, long items, Run run) throws Exception {
        long started = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSecond = items / seconds;
        say.printf("bench: %-45s %10.0f /s  (%d in %.1f s)%n", what, perSecond, items, seconds);
        say.flush();
        return perSecond;
    }

    private static void ratio(PrintWriter say, Map<String, Double> rate, String a, String b) {
        if (rate.containsKey(a) && rate.containsKey(b)) {
            say.printf("bench: %s / %s = %.2f%n", a, b, rate.get(a) / rate.get(b));
        }
    }

    /** Each run reads the readings from the start and writes topics of its own. */
    private static JobConfig run(EmbeddedStack stack, JobConfig base, String name) {
        JobConfig.Topics t = base.topics();
        JobConfig c =
                base.withNames("bench-" + name, "bench-" + name)
                        .withTopics(
                                new JobConfig.Topics(
                                        t.readings(),
                                        name + "-" + t.rejected(),
                                        t.patients(),
                                        name + "-" + t.alerts(),
                                        name + "-" + t.status(),
                                        t.actions()));
        stack.kafka.createTopics(2, c.topics().rejected(), c.topics().alerts());
        stack.kafka.createCompactedTopic(c.topics().status(), 2);
        return c;
    }

    private StreamExecutionEnvironment job(JobConfig config, UnaryOperator<Sink<String>> store) {
        return job(config, store, true);
    }

    /** The production graph on the MiniCluster, its store sink wrapped or replaced. */
    private StreamExecutionEnvironment job(
            JobConfig config, UnaryOperator<Sink<String>> store, boolean checkpoints) {
        Configuration flink = MonitoringJob.flinkConfiguration(config);
        if (!checkpoints) {
            flink.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(parallelism);
        MonitoringJob.Endpoints ends = MonitoringJob.Endpoints.of(config);
        new MonitoringJob(ends.withStore(store.apply(ends.store())), config, Thresholds.DEFAULT)
                .build(env);
        return env;
    }

    /** Baseline a: the same source, the same exactly-once Kafka sink, nothing in between. */
    private void passThrough(EmbeddedStack stack, JobConfig base, String name) throws Exception {
        JobConfig config = base.withNames("bench-" + name, "bench-" + name);
        String out = name + "-out";
        stack.kafka.createTopics(parallelism, out);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        env.setParallelism(parallelism);
        env.fromSource(
                        KafkaEnds.source(config, config.topics().readings()),
                        WatermarkStrategy.noWatermarks(),
                        "readings")
                .sinkTo(
                        KafkaSink.<RawReading>builder()
                                .setBootstrapServers(config.kafkaBootstrap())
                                .setRecordSerializer(
                                        (KafkaRecordSerializationSchema<RawReading>)
                                                (r, ctx, ts) ->
                                                        new ProducerRecord<>(out, r.value()))
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix(config.transactionalIdPrefix())
                                .setProperty("transaction.timeout.ms", "600000")
                                .build());
        env.execute("bench-pass-through");
    }

    /** The points the job writes for these readings: readings, metrics and alerts. */
    private static List<String> storePoints(
            Map<String, Patient> patients, Path readingsFile, Instant receivedAt) throws Exception {
        List<String> lines = new ArrayList<>();
        ReadingPoints readingPoints = new ReadingPoints();
        OfflineAnalyzer analyzer =
                new OfflineAnalyzer(
                        patients,
                        Thresholds.DEFAULT,
                        o -> {
                            if (o instanceof Output.Metrics m) {
                                lines.add(MonitorPoints.swelling(m.metrics()));
                            } else if (o instanceof Output.AlertEvent e) {
                                lines.add(MonitorPoints.alert(e.alert()));
                            }
                        });
        ReadingValidator validator = new ReadingValidator();
        try (var input =
                new java.io.BufferedInputStream(Files.newInputStream(readingsFile), 1 << 20)) {
            AnalyzeCommand.eachLine(
                    input,
                    line -> {
                        if (validator.validate(line, receivedAt) instanceof Validation.Accepted a
                                && analyzer.knows(a.reading().patientId())) {
                            lines.add(readingPoints.toLineProtocol(a.reading()));
                            analyzer.accept(a.reading());
                        }
                    });
        }
        return lines;
    }

    /** Baseline d: influxdb-client-java's blocking writes, batches of 5000, one thread. */
    private static void load(EmbeddedStack stack, List<String> lines) throws Exception {
        try (InfluxDBClient client =
                InfluxDBClientFactory.create(
                        stack.store.influxUrl(),
                        EmbeddedStack.LOCAL_TOKEN.toCharArray(),
                        "lymphwatch",
                        "lymphwatch")) {
            WriteApiBlocking write = client.getWriteApiBlocking();
            for (int i = 0; i < lines.size(); i += 5000) {
                write.writeRecords(
                        WritePrecision.NS, lines.subList(i, Math.min(lines.size(), i + 5000)));
            }
        }
        stack.awaitStore();
    }

    /** Baseline b's store: takes every point and keeps none. */
    private static final class Discarding implements Sink<String> {
        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(String element, Context ctx) {}

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}

package org.lymphwatch.cli;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.lymphwatch.analytics.OfflineAnalyzer;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.Thresholds;
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
            "Prints readings/s for each and the ratios b/a, c/a, and c's points/s against d."
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
            description = "which of a, b, c, d to run (default ${DEFAULT-VALUE})")
    List<String> runs;

    @Option(names = "--state-backend", defaultValue = "hashmap", paramLabel = "NAME")
    String stateBackend;

    @Override
    public Integer call() throws Exception {
        Map<String, Patient> patients =
                AnalyzeCommand.readPatients(in.resolve(AnalyzeCommand.PATIENTS));
        Path readingsFile = in.resolve(AnalyzeCommand.READINGS);
        if (!Files.isReadable(readingsFile)) {
            throw new BadInputException(readingsFile + ": not found");
        }
        PrintWriter say = spec.commandLine().getOut();
        Instant receivedAt = Instant.now();
        Map<String, Double> rate = new HashMap<>();
        try (EmbeddedStack stack = EmbeddedStack.start(parallelism)) {
            JobConfig base =
                    stack.config
                            .withBounded(true)
                            .withCheckpointInterval(checkpointInterval)
                            .withStateBackend(stateBackend, null);
            long n = ReplayCommand.publish(stack, base, patients, readingsFile, receivedAt);
            say.printf(
                    "bench: %d readings of %d patients published; parallelism %d, checkpoints"
                            + " every %s, state %s%n",
                    n, patients.size(), parallelism, checkpointInterval, stateBackend);
            say.flush();
            if (runs.contains("a")) {
                rate.put("a", time(say, "a pass-through", n, () -> passThrough(stack, base)));
            }
            if (runs.contains("b")) {
                JobConfig b = run(stack, base, "b");
                rate.put("b", time(say, "b job, store discarded", n, () -> job(b, true)));
            }
            long points = 0;
            if (runs.contains("c")) {
                JobConfig c = run(stack, base, "c");
                long before = storedRows(stack);
                rate.put("c", time(say, "c full job", n, () -> job(c, false)));
                stack.awaitStore();
                points = storedRows(stack) - before;
                rate.put("c-points", points * rate.get("c") / n);
            }
            if (runs.contains("d")) {
                List<String> lines = storePoints(patients, readingsFile, receivedAt);
                rate.put(
                        "d",
                        time(
                                say,
                                "d plain blocking loader, " + lines.size() + " points",
                                lines.size(),
                                () -> load(stack, lines)));
            }
        }
        ratio(say, rate, "b", "a");
        ratio(say, rate, "c", "a");
        ratio(say, rate, "c-points", "d");
        return 0;
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

    private void job(JobConfig config, boolean discardStore) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        env.setParallelism(parallelism);
        MonitoringJob.Endpoints ends = MonitoringJob.Endpoints.of(config);
        new MonitoringJob(
                        discardStore ? ends.withStore(new Discarding()) : ends,
                        config,
                        Thresholds.DEFAULT)
                .build(env);
        env.execute("bench");
    }

    /** Baseline a: the same source, the same exactly-once Kafka sink, nothing in between. */
    private void passThrough(EmbeddedStack stack, JobConfig base) throws Exception {
        JobConfig config = base.withNames("bench-a", "bench-a");
        stack.kafka.createTopics(parallelism, "a-out");
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
                                                        new ProducerRecord<>("a-out", r.value()))
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix("bench-a")
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

    private static long storedRows(EmbeddedStack stack) throws Exception {
        long rows = 0;
        for (String table :
                List.of("limb_volume", "bioimpedance", "patient_context", "swelling", "alert")) {
            rows += stack.store.queryLong("SELECT count() FROM " + table);
        }
        return rows;
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

package org.lymphwatch.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.lymphwatch.analytics.SwellingMetrics;
import org.lymphwatch.analytics.SwellingMetricsJson;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.MonitoringJob;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReadingJson;
import org.lymphwatch.model.Side;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The real streaming job over files: the embedded broker, the Flink MiniCluster and the embedded
 * store in this JVM. Patients then readings are published in file order, the job runs to the end of
 * the topics, and what it wrote is read back into files comparable with {@code analyze}'s.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the monitoring job (Flink MiniCluster, in-process Kafka broker and QuestDB store)"
                    + " over DIR/patients.jsonl and DIR/readings.jsonl, published in file order.",
            "Writes OUT/alerts.jsonl (read_committed from topic alerts, grouped by patient in the"
                    + " order published), OUT/metrics.jsonl (from the store), OUT/rejected.jsonl"
                    + " and OUT/status.jsonl (latest per patient). Leaves nothing running."
        })
final class ReplayCommand implements Callable<Integer> {

    static final String STATUS = "status.jsonl";

    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "cohort directory")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output directory")
    Path out;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            paramLabel = "N",
            description = "job parallelism and partitions per topic (default ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description =
                    "when the readings count as received (Kafka record time), ISO-8601; readings"
                            + " measured more than 10 minutes later are FUTURE_TIME. Default: now")
    Instant asOf;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "PT1S",
            paramLabel = "DURATION",
            description = "Flink checkpoint interval (default ${DEFAULT-VALUE})")
    java.time.Duration checkpointInterval;

    @Option(
            names = "--state-backend",
            defaultValue = "hashmap",
            paramLabel = "NAME",
            description = "hashmap or rocksdb (default ${DEFAULT-VALUE})")
    String stateBackend;

    // Nothing follows the board during a replay, and the end of the input publishes every
    // patient's pending status: OUT/status.jsonl is the same with any interval (but for asOf),
    // while a status per reading cost a third of the throughput at 100,000 patients.
    @Option(
            names = "--status-interval",
            defaultValue = "PT1M",
            paramLabel = "DURATION",
            description =
                    "publish a patient's status at most this often while replaying, whatever"
                            + " changed it (default"
                            + " ${DEFAULT-VALUE}); OUT/status.jsonl holds each patient's last")
    java.time.Duration statusInterval;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new BadInputException("--parallelism must be at least 1");
        }
        Path patientsFile = in.resolve(AnalyzeCommand.PATIENTS);
        Path readingsFile = in.resolve(AnalyzeCommand.READINGS);
        Map<String, Patient> patients = AnalyzeCommand.readPatients(patientsFile);
        if (!Files.isReadable(readingsFile)) {
            throw new BadInputException(readingsFile + ": not found");
        }
        Files.createDirectories(out);
        PrintWriter say = spec.commandLine().getOut();
        Instant receivedAt = asOf != null ? asOf : Instant.now();

        try (EmbeddedStack stack = EmbeddedStack.start(parallelism)) {
            JobConfig config =
                    stack.config
                            .withBounded(true)
                            .withCheckpointInterval(checkpointInterval)
                            .withStateBackend(stateBackend, null)
                            .withStatusIntervals(statusInterval, statusInterval);
            long publishing = System.nanoTime();
            long published = publish(stack, config, patients, readingsFile, receivedAt);
            say.printf(
                    "replay: published %d patients and %d readings in %.1f s; running the job"
                            + " (parallelism %d)%n",
                    patients.size(), published, secondsSince(publishing), parallelism);
            say.flush();

            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            MonitoringJob.flinkConfiguration(config));
            env.setParallelism(parallelism);
            new MonitoringJob(
                            MonitoringJob.Endpoints.of(config),
                            config,
                            MonitoringJob.thresholds(config))
                    .build(env);
            long started = System.nanoTime();
            JobClient job = env.executeAsync(MonitoringJob.NAME);
            Progress progress = new Progress(stack, config, published, say);
            progress.start();
            try {
                job.getJobExecutionResult().get();
            } finally {
                progress.interrupt();
                progress.join();
            }
            double seconds = secondsSince(started);
            say.printf(
                    "%nreplay: the job processed %d readings in %.1f s: %.0f readings/s%n",
                    published, seconds, published / seconds);

            long writing = System.nanoTime();
            stack.awaitStore();
            Summary summary = writeOutputs(stack, config);
            summary.print(say, out, secondsSince(writing));
            AnalyzeCommand.warnIfFuture(
                    spec.commandLine().getErr(),
                    readingsFile,
                    summary.rejected.getOrDefault(RejectReason.FUTURE_TIME, 0L),
                    published);
        }
        return 0;
    }

    /** Patients, then readings as raw lines in file order, keyed by patientId where readable. */
    static long publish(
            EmbeddedStack stack,
            JobConfig config,
            Map<String, Patient> patients,
            Path readingsFile,
            Instant receivedAt)
            throws IOException {
        return publish(stack, config, patients, readingsFile, receivedAt, Long.MAX_VALUE, l -> {});
    }

    /**
     * As above, but only the first {@code limit} readings; the lines after them go to {@code rest}
     * (for {@code bench}, which sends those itself at a paced rate).
     */
    static long publish(
            EmbeddedStack stack,
            JobConfig config,
            Map<String, Patient> patients,
            Path readingsFile,
            Instant receivedAt,
            long limit,
            java.util.function.Consumer<byte[]> rest)
            throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long at = receivedAt.toEpochMilli();
        AtomicLong count = new AtomicLong();
        List<Exception> failures = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Patient patient : patients.values()) {
                producer.send(
                        new ProducerRecord<>(
                                config.topics().patients(),
                                null,
                                at,
                                bytes(patient.patientId()),
                                bytes(PatientJson.write(patient))),
                        (m, e) -> failed(failures, e));
            }
            try (InputStream readings =
                    new BufferedInputStream(Files.newInputStream(readingsFile), 1 << 20)) {
                AnalyzeCommand.eachLine(
                        readings,
                        line -> {
                            if (count.get() >= limit) {
                                rest.accept(line);
                                return;
                            }
                            count.incrementAndGet();
                            producer.send(
                                    new ProducerRecord<>(
                                            config.topics().readings(), null, at, key(line), line),
                                    (m, e) -> failed(failures, e));
                        });
            }
            producer.flush();
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                throw new IllegalStateException("publishing failed", failures.get(0));
            }
        }
        return count.get();
    }

    private static void failed(List<Exception> failures, Exception e) {
        if (e != null) {
            synchronized (failures) {
                failures.add(e);
            }
        }
    }

    /**
     * The patientId as the record key, so a patient's readings keep their order; else none. Only
     * the top level is read, up to the first patientId: a full parse of every line was a fifth of
     * the publishing time. A line the job will reject may get a key or not; it only moves it to
     * another partition.
     */
    static byte[] key(byte[] line) {
        try (JsonParser p = Json.mapper().getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean patientId = "patientId".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (patientId) {
                    return value == JsonToken.VALUE_STRING ? bytes(p.getText()) : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Prints how far the job is, from the offsets its source commits on each checkpoint. */
    private static final class Progress extends Thread {
        private final EmbeddedStack stack;
        private final JobConfig config;
        private final long total;
        private final PrintWriter say;

        Progress(EmbeddedStack stack, JobConfig config, long total, PrintWriter say) {
            super("replay-progress");
            setDaemon(true);
            this.stack = stack;
            this.config = config;
            this.total = total;
            this.say = say;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            try {
                while (!isInterrupted()) {
                    Thread.sleep(2000);
                    long done =
                            stack.kafka.committed(
                                    config.consumerGroup(), config.topics().readings());
                    double s = (System.nanoTime() - started) / 1e9;
                    say.printf(
                            "\rreplay: %d of %d readings checkpointed (%.0f %%), %.0f readings/s ",
                            done, total, 100.0 * done / Math.max(1, total), done / s);
                    say.flush();
                }
            } catch (InterruptedException e) {
                // The job finished.
            } catch (Exception e) {
                say.printf("%nreplay: progress unavailable: %s%n", e.getMessage());
            }
        }
    }

    /** Counts for the closing summary. */
    private static final class Summary {
        long alerts;
        long metrics;
        long statuses;
        final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        final Map<AlertType, Long> opened = new EnumMap<>(AlertType.class);

        void print(PrintWriter say, Path out, double seconds) {
            say.printf(
                    "replay: %d alert events, opened by type%s; %d metric rows; %d rejected%s;"
                            + " %d patient statuses%n",
                    alerts,
                    AnalyzeCommand.breakdown(opened),
                    metrics,
                    AnalyzeCommand.sum(rejected),
                    AnalyzeCommand.breakdown(rejected),
                    statuses);
            say.printf(
                    "wrote %s, %s, %s, %s in %.1f s%n",
                    out.resolve(AnalyzeCommand.ALERTS),
                    out.resolve(AnalyzeCommand.METRICS),
                    out.resolve(AnalyzeCommand.REJECTED),
                    out.resolve(STATUS),
                    seconds);
            say.flush();
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    private Summary writeOutputs(EmbeddedStack stack, JobConfig config) throws Exception {
        Summary summary = new Summary();
        JobConfig.Topics t = config.topics();

        // Per patient, alerts keep the order they were published in (one partition per patient).
        List<ConsumerRecord<String, String>> alerts = stack.kafka.readAllCommitted(t.alerts());
        List<ConsumerRecord<String, String>> byPatient = new ArrayList<>(alerts);
        byPatient.sort(Comparator.comparing(ConsumerRecord::key));
        try (Writer w = writer(AnalyzeCommand.ALERTS)) {
            for (ConsumerRecord<String, String> r : byPatient) {
                var a = AlertJson.read(r.value());
                summary.alerts++;
                if (a.state() == AlertState.OPENED) {
                    summary.opened.merge(a.type(), 1L, Long::sum);
                }
                line(w, r.value());
            }
        }
        try (Writer w = writer(AnalyzeCommand.REJECTED)) {
            for (ConsumerRecord<String, String> r : stack.kafka.readAllCommitted(t.rejected())) {
                summary.rejected.merge(RejectedReadingJson.read(r.value()).reason(), 1L, Long::sum);
                line(w, r.value());
            }
        }
        Map<String, String> latest = new TreeMap<>();
        for (ConsumerRecord<String, String> r : stack.kafka.readAllCommitted(t.status())) {
            latest.put(r.key(), r.value());
        }
        try (Writer w = writer(STATUS)) {
            for (String s : latest.values()) {
                summary.statuses++;
                line(w, s);
            }
        }
        try (Writer w = writer(AnalyzeCommand.METRICS)) {
            stack.store.forEachRow(
                    "SELECT * FROM swelling ORDER BY patient, timestamp",
                    row -> {
                        summary.metrics++;
                        try {
                            line(w, SwellingMetricsJson.write(metrics(row)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return summary;
    }

    private static SwellingMetrics metrics(ResultSet row) throws SQLException {
        long n = row.getLong("trend_n");
        Integer trendN = row.wasNull() ? null : (int) n;
        return new SwellingMetrics(
                row.getString("patient"),
                Limb.valueOf(row.getString("limb")),
                Side.valueOf(row.getString("side")),
                row.getTimestamp("timestamp").toInstant().atOffset(ZoneOffset.UTC),
                number(row, "rvc_pct"),
                number(row, "ilvd_ml"),
                number(row, "ilvd_pct"),
                number(row, "ldex_delta"),
                number(row, "r0_ratio"),
                number(row, "trend_slope_pct_per_week"),
                number(row, "trend_ci_low_pct_per_week"),
                number(row, "trend_ci_high_pct_per_week"),
                number(row, "trend_p"),
                trendN);
    }

    private static Double number(ResultSet row, String column) throws SQLException {
        double d = row.getDouble(column);
        return row.wasNull() || Double.isNaN(d) ? null : d;
    }

    private Writer writer(String name) throws IOException {
        return new BufferedWriter(
                Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8), 1 << 20);
    }

    private static void line(Writer w, String json) throws IOException {
        w.write(json);
        w.write('\n');
    }
}

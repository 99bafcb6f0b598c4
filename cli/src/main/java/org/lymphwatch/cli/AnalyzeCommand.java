package org.lymphwatch.cli;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.lymphwatch.analytics.OfflineAnalyzer;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.SwellingMetricsJson;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.analytics.ThresholdsJson;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.InvalidMessage;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingLimits;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.RejectedReadingJson;
import org.lymphwatch.model.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The offline analyzer: the swelling analytics of the streaming job, without Flink, over files.
 * Readings are validated and analysed in file order, which stands for arrival order.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the alert rules over DIR/patients.jsonl and DIR/readings.jsonl (file order is"
                    + " arrival order) and write OUT/alerts.jsonl, OUT/metrics.jsonl, the"
                    + " readings not accepted to OUT/rejected.jsonl and the thresholds used to"
                    + " OUT/thresholds.json.",
            "Time advances to each reading's event time and to the end of the file, as in the"
                    + " streaming job. The rules: docs/alert-rules.md."
        })
final class AnalyzeCommand implements Callable<Integer> {

    static final String PATIENTS = "patients.jsonl";
    static final String READINGS = "readings.jsonl";
    static final String ALERTS = "alerts.jsonl";
    static final String METRICS = "metrics.jsonl";
    static final String REJECTED = "rejected.jsonl";
    static final String THRESHOLDS = "thresholds.json";

    private static final int BUFFER = 1 << 20;

    @Spec CommandSpec spec;

    @Option(
            names = "--in",
            required = true,
            paramLabel = "DIR",
            description = "directory with patients.jsonl and readings.jsonl")
    Path in;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "OUT",
            description = "directory to write alerts.jsonl, metrics.jsonl, rejected.jsonl to")
    Path out;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description =
                    "when the readings count as received (ISO-8601, e.g. 2026-01-01T00:00:00Z);"
                            + " readings measured more than 10 minutes later are FUTURE_TIME."
                            + " Default: now")
    Instant asOf;

    /** What happened to the readings and what came out, for the summary. */
    static final class Tally {
        final Path in;
        final Path out;
        final int patients;
        long lines;
        long analysed;
        long duplicates;
        long metrics;
        final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        final Map<Output.Skipped.Reason, Long> skipped = new EnumMap<>(Output.Skipped.Reason.class);
        final Map<AlertState, Long> events = new EnumMap<>(AlertState.class);
        final Map<AlertType, Long> opened = new EnumMap<>(AlertType.class);

        Tally(Path in, Path out, int patients) {
            this.in = in;
            this.out = out;
            this.patients = patients;
        }
    }

    @Option(
            names = "--thresholds",
            paramLabel = "FILE",
            description =
                    "JSON file of thresholds to use instead of the defaults (only the ones it"
                            + " names change; docs/alert-rules.md). The thresholds used are"
                            + " written to OUT/thresholds.json.")
    Path thresholdsFile;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        Thresholds thresholds = thresholds(thresholdsFile);
        Tally tally = run(in, out, thresholds, asOf);
        summary(tally, (System.nanoTime() - started) / 1e9);
        warnIfFuture(
                spec.commandLine().getErr(),
                in.resolve(READINGS),
                tally.rejected.getOrDefault(RejectReason.FUTURE_TIME, 0L),
                tally.lines);
        return 0;
    }

    /** The defaults, or the file's thresholds; a bad file is bad input. */
    static Thresholds thresholds(Path file) throws IOException {
        if (file == null) {
            return Thresholds.DEFAULT;
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(file + ": not found");
        }
        try {
            return Thresholds.load(file);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /**
     * Analyses DIR into OUT: alerts.jsonl, metrics.jsonl, rejected.jsonl and thresholds.json.
     * {@code sweep} runs it once per swept value.
     *
     * @param asOf when the readings count as received; null for now
     */
    static Tally run(Path in, Path out, Thresholds thresholds, Instant asOf) throws IOException {
        Path patientsFile = in.resolve(PATIENTS);
        Path readingsFile = in.resolve(READINGS);
        Map<String, Patient> patients = readPatients(patientsFile);
        if (!Files.isReadable(readingsFile)) {
            throw new BadInputException(readingsFile + ": not found");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": --out must be a directory");
        }
        Files.createDirectories(out);
        Files.writeString(
                out.resolve(THRESHOLDS), ThresholdsJson.write(thresholds), StandardCharsets.UTF_8);

        Tally tally = new Tally(in, out, patients.size());
        // One receipt time for the whole run: the wall clock unless --as-of says otherwise.
        Instant receivedAt = asOf != null ? asOf : Instant.now();
        ReadingValidator validator = new ReadingValidator();
        try (Writer alerts = writer(out, ALERTS);
                Writer metrics = writer(out, METRICS);
                Writer rejected = writer(out, REJECTED);
                InputStream readings =
                        new BufferedInputStream(Files.newInputStream(readingsFile), BUFFER)) {
            OfflineAnalyzer analyzer =
                    new OfflineAnalyzer(patients, thresholds, sink(tally, alerts, metrics));
            eachLine(
                    readings,
                    line -> {
                        tally.lines++;
                        Validation v = validator.validate(line, receivedAt);
                        if (v instanceof Validation.Rejected r) {
                            reject(r.rejection(), tally, rejected);
                            return;
                        }
                        Reading reading = ((Validation.Accepted) v).reading();
                        if (!analyzer.knows(reading.patientId())) {
                            reject(unknownPatient(reading, line, receivedAt), tally, rejected);
                            return;
                        }
                        analyzer.accept(reading);
                    });
            analyzer.finish();
        }
        return tally;
    }

    /** patients.jsonl: one patient per line; a later line for the same patient replaces it. */
    static Map<String, Patient> readPatients(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(file + ": not UTF-8 text");
        }
        Map<String, Patient> patients = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                Patient p = PatientJson.read(line);
                patients.put(p.patientId(), p);
            } catch (InvalidMessage e) {
                throw BadInputException.atLine(file, i + 1, e.reason() + ": " + e.detail());
            }
        }
        return patients;
    }

    private static Writer writer(Path out, String name) throws IOException {
        return new BufferedWriter(
                Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8), BUFFER);
    }

    private static Consumer<Output> sink(Tally tally, Writer alerts, Writer metrics) {
        return o -> {
            if (o instanceof Output.AlertEvent e) {
                tally.events.merge(e.alert().state(), 1L, Long::sum);
                if (e.alert().state() == AlertState.OPENED) {
                    tally.opened.merge(e.alert().type(), 1L, Long::sum);
                }
                line(alerts, AlertJson.write(e.alert()));
            } else if (o instanceof Output.Metrics m) {
                tally.metrics++;
                line(metrics, SwellingMetricsJson.write(m.metrics()));
            } else if (o instanceof Output.Skipped s) {
                if (s.reason() == Output.Skipped.Reason.DUPLICATE) {
                    tally.duplicates++;
                } else {
                    tally.skipped.merge(s.reason(), 1L, Long::sum);
                }
            }
        };
    }

    private static RejectedReading unknownPatient(Reading r, byte[] line, Instant receivedAt) {
        int n = Math.min(line.length, RejectedReading.RAW_LIMIT);
        return new RejectedReading(
                RejectReason.UNKNOWN_PATIENT,
                "patient " + r.patientId() + " is not in " + PATIENTS,
                new String(line, 0, n, StandardCharsets.UTF_8),
                receivedAt);
    }

    private static void reject(RejectedReading r, Tally tally, Writer rejected) {
        tally.rejected.merge(r.reason(), 1L, Long::sum);
        line(rejected, RejectedReadingJson.write(r));
    }

    private static void line(Writer w, String json) {
        try {
            w.write(json);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits the file into lines of bytes (LF or CRLF), so that a line the validator must reject
     * (broken UTF-8, far too long) is rejected rather than failing the run. A line longer than a
     * message may be is cut just past the limit: the validator then rejects it as TOO_LARGE.
     */
    static void eachLine(InputStream in, Consumer<byte[]> action) throws IOException {
        // A chunk at a time: reading a 250 MB cohort a byte at a time through synchronized
        // read() and write() calls took most of replay's publishing time.
        Line line = new Line(ReadingLimits.DEFAULT.maxMessageBytes() + 1);
        byte[] chunk = new byte[1 << 16];
        for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    line.add(chunk, from, i);
                    action.accept(line.take());
                    from = i + 1;
                }
            }
            line.add(chunk, from, n);
        }
        if (line.any) {
            action.accept(line.take());
        }
    }

    /** The bytes of the line being read, kept up to a limit; whether it has any at all. */
    private static final class Line {
        private final int limit;
        private byte[] bytes = new byte[1024];
        private int size;
        private boolean any;

        Line(int limit) {
            this.limit = limit;
        }

        void add(byte[] chunk, int from, int to) {
            any |= to > from;
            int n = Math.min(to - from, limit - size);
            if (n <= 0) {
                return;
            }
            if (size + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + n));
            }
            System.arraycopy(chunk, from, bytes, size, n);
            size += n;
        }

        /** The line without a trailing CR, and a fresh start for the next one. */
        byte[] take() {
            int n = size > 0 && bytes[size - 1] == '\r' ? size - 1 : size;
            byte[] line = java.util.Arrays.copyOf(bytes, n);
            size = 0;
            any = false;
            return line;
        }
    }

    private void summary(Tally t, double seconds) {
        Path in = t.in;
        Path out = t.out;
        int patients = t.patients;
        long rejected = sum(t.rejected);
        long skipped = sum(t.skipped);
        long accepted = t.lines - rejected;
        var w = spec.commandLine().getOut();
        w.printf(
                "analyzed %s (%d lines) for %d patients in %.1f s%n",
                in.resolve(READINGS), t.lines, patients, seconds);
        w.printf(
                "readings: %d accepted: %d analysed, %d duplicates, %d skipped%s;"
                        + " %d rejected%s%n",
                accepted,
                accepted - t.duplicates - skipped,
                t.duplicates,
                skipped,
                breakdown(t.skipped),
                rejected,
                breakdown(t.rejected));
        w.printf(
                "alerts: %d events%s; opened by type%s%n",
                sum(t.events), breakdown(t.events), breakdown(t.opened));
        w.printf("metrics: %d rows%n", t.metrics);
        w.printf(
                "wrote %s, %s, %s%n",
                out.resolve(ALERTS), out.resolve(METRICS), out.resolve(REJECTED));
    }

    /**
     * A cohort simulated into the future loses its future readings as FUTURE_TIME; past 1 % of a
     * file that is more likely a receipt clock that does not fit the data than faulty devices.
     */
    static void warnIfFuture(java.io.PrintWriter err, Path file, long future, long lines) {
        if (lines > 0 && future * 100 > lines) {
            err.printf(
                    "lymphwatch: warning: %d of %d readings in %s (%.1f %%) were measured after"
                            + " the receipt time and rejected as FUTURE_TIME; give --as-of TIME"
                            + " (e.g. the end of the simulated period) to replay them as received"
                            + " then%n",
                    future, lines, file, 100.0 * future / lines);
        }
    }

    static long sum(Map<?, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** " (A 1, B 2)", or nothing when there is nothing to break down. */
    static String breakdown(Map<? extends Enum<?>, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        counts.forEach(
                (k, n) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(n));
        return " (" + b + ")";
    }
}

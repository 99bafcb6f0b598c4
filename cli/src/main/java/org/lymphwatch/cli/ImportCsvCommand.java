package org.lymphwatch.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Real measurements from CSV into readings.jsonl (and patients.jsonl), for analyze. */
@Command(
        name = "import-csv",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Turn a CSV of real measurements into OUT/readings.jsonl, and a CSV of patients into"
                    + " OUT/patients.jsonl, ready for analyze. Columns and an example:"
                    + " docs/import-csv.md.",
            "Every bad line is reported with its file, line and problem; the good ones are"
                    + " written. Exit code 2 when any line was bad."
        })
final class ImportCsvCommand implements Callable<Integer> {

    /** Bad lines listed one by one; beyond this, only counted. */
    private static final int MAX_LISTED = 50;

    @Spec CommandSpec spec;

    @Option(
            names = "--measurements",
            required = true,
            paramLabel = "FILE",
            description = "CSV of measurements (header row first)")
    Path measurements;

    @Option(
            names = "--patients",
            paramLabel = "FILE",
            description = "CSV of patients (header row first); needed once per patient")
    Path patients;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "OUT",
            description = "directory to write readings.jsonl and patients.jsonl to")
    Path out;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description =
                    "time zone of dates given without a time (taken as 08:00 there), e.g."
                            + " Europe/Berlin; default ${DEFAULT-VALUE}")
    String zone;

    private final List<String> problems = new ArrayList<>();
    private int bad;

    @Override
    public Integer call() throws IOException {
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new BadInputException("--zone " + zone + ": not a time zone");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": --out must be a directory");
        }
        Files.createDirectories(out);
        MeasurementCsv csv = new MeasurementCsv(z);
        Map<String, Patient> known = new TreeMap<>();
        int patientLines = 0;
        if (patients != null) {
            List<String> lines = lines(patients);
            header(csv, patients, lines, "patient", "limb", "at_risk_side", "surgery_date");
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                patientLines++;
                try {
                    Patient p = csv.patient(lines.get(i));
                    known.put(p.patientId(), p);
                } catch (MeasurementCsv.BadRow e) {
                    problem(patients, i + 1, e.getMessage());
                }
            }
            try (Writer w = writer(AnalyzeCommand.PATIENTS)) {
                for (Patient p : known.values()) {
                    w.write(PatientJson.write(p));
                    w.write('\n');
                }
            }
        }
        List<String> lines = lines(measurements);
        header(csv, measurements, lines, "patient", "measured_at", "limb");
        int rows = 0;
        int readings = 0;
        TreeSet<String> measured = new TreeSet<>();
        try (Writer w = writer(AnalyzeCommand.READINGS)) {
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                rows++;
                try {
                    List<Reading> rs = csv.readings(lines.get(i));
                    Reading first = rs.get(0);
                    if (patients != null && !known.containsKey(first.patientId())) {
                        throw new MeasurementCsv.BadRow(
                                "patient " + first.patientId() + " is not in " + patients);
                    }
                    for (Reading r : rs) {
                        w.write(ReadingJson.write(r));
                        w.write('\n');
                        readings++;
                    }
                    measured.add(first.patientId());
                } catch (MeasurementCsv.BadRow e) {
                    problem(measurements, i + 1, e.getMessage());
                }
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("lymphwatch: " + p));
        if (bad > problems.size()) {
            err.println("lymphwatch: ... and " + (bad - problems.size()) + " more bad lines");
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(
                "imported %d readings of %d patients from %d measurement rows%s; %d bad lines%n",
                readings,
                measured.size(),
                rows,
                patients == null
                        ? ""
                        : " and " + known.size() + " of " + patientLines + " patients",
                bad);
        o.printf(
                "wrote %s%s%n",
                out.resolve(AnalyzeCommand.READINGS),
                patients == null ? "" : ", " + out.resolve(AnalyzeCommand.PATIENTS));
        return bad == 0 ? 0 : Lymphwatch.BAD_INPUT;
    }

    private void header(MeasurementCsv csv, Path file, List<String> lines, String... required) {
        if (lines.isEmpty()) {
            throw new BadInputException(file + ": empty, expected a header row");
        }
        try {
            csv.header(lines.get(0), required);
        } catch (MeasurementCsv.BadRow e) {
            throw BadInputException.atLine(file, 1, e.getMessage());
        }
    }

    private void problem(Path file, int line, String message) {
        bad++;
        if (problems.size() < MAX_LISTED) {
            problems.add(file + ":" + line + ": " + message);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new BadInputException(file + ": not found");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(lines.isEmpty() && l.startsWith("\uFEFF") ? l.substring(1) : l);
            }
        }
        return lines;
    }

    private Writer writer(String name) throws IOException {
        return new BufferedWriter(
                Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8));
    }
}

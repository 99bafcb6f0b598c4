package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.Validation;
import picocli.CommandLine;

class ImportCsvCommandTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Lymphwatch.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void theDocumentedExampleImportsAndAnalyzes() throws Exception {
        Path to = dir.resolve("mydata");
        int code =
                run(
                        "import-csv",
                        "--patients",
                        EXAMPLES.resolve("patients.csv").toString(),
                        "--measurements",
                        EXAMPLES.resolve("measurements.csv").toString(),
                        "--zone",
                        "Europe/Berlin",
                        "--out",
                        to.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "imported 10 readings of 3 patients from 8 measurement rows and 3 of 3"
                                + " patients; 0 bad lines");
        ReadingValidator v = new ReadingValidator();
        List<Reading> readings =
                Files.readAllLines(to.resolve("readings.jsonl")).stream()
                        .map(
                                l ->
                                        ((Validation.Accepted)
                                                        v.validate(l, java.time.Instant.now()))
                                                .reading())
                        .toList();
        assertThat(readings).hasSize(10);
        // A date alone is 08:00 in the zone given: 2025-04-15 in Berlin is +02:00 (summer time).
        assertThat(readings.get(0).measuredAt().toString()).isEqualTo("2025-04-15T08:00+02:00");
        assertThat(readings.get(1).kind()).isEqualTo(ReadingKind.LIMB_VOLUME);
        assertThat(readings.get(2).kind()).isEqualTo(ReadingKind.BIOIMPEDANCE);
        Reading tape = readings.get(6);
        assertThat(tape.kind()).isEqualTo(ReadingKind.CIRCUMFERENCES);
        assertThat(tape.circumferencesCm()).hasSize(10);
        assertThat(tape.volumeMl()).isGreaterThan(1000);
        assertThat(readings.get(9).limb()).isEqualTo(Limb.LEG);
        List<Patient> patients =
                Files.readAllLines(to.resolve("patients.jsonl")).stream()
                        .map(PatientJson::read)
                        .toList();
        assertThat(patients)
                .extracting(Patient::patientId)
                .containsExactly("clinic-a-0001", "clinic-a-0002", "clinic-b-0001");
        assertThat(patients.get(1).baseline()).isNull();

        assertThat(run("analyze", "--in", to.toString(), "--out", dir.resolve("a").toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("10 accepted: 10 analysed");
    }

    @Test
    void eachBadLineIsNamedAndTheGoodOnesAreWritten() throws Exception {
        Path csv = dir.resolve("m.csv");
        Files.write(
                csv,
                List.of(
                        "patient,measured_at,limb,side,volume_ml",
                        "p-1,2025-01-10,ARM,LEFT,2400",
                        "p-1,10/01/2025,ARM,LEFT,2400",
                        "p-1,2025-01-10,ARM,TOP,2400",
                        "p-1,2025-01-10,ARM,RIGHT,lots",
                        "Jane Doe,2025-01-10,ARM,RIGHT,2400",
                        "p-1,2025-01-10,ARM,RIGHT,99999999",
                        "p-1,2025-01-11,ARM,,"));

        int code =
                run(
                        "import-csv",
                        "--measurements",
                        csv.toString(),
                        "--out",
                        dir.resolve("o").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly(
                        "lymphwatch: "
                                + csv
                                + ":3: measured_at must be YYYY-MM-DD or an ISO-8601"
                                + " time with offset, e.g. 2026-03-01T08:15:00+01:00",
                        "lymphwatch: " + csv + ":4: side must be LEFT or RIGHT",
                        "lymphwatch: " + csv + ":5: volume_ml must be a number",
                        "lymphwatch: "
                                + csv
                                + ":6: BAD_TYPE: patientId must be an id of 1-64 letters, digits or ._:-",
                        "lymphwatch: "
                                + csv
                                + ":7: OUT_OF_RANGE: volumeMl outside [100.0, 50000.0]",
                        "lymphwatch: "
                                + csv
                                + ":8: no measurement: volume_ml, circumferences_cm or ldex");
        assertThat(out.toString())
                .contains("imported 1 readings of 1 patients from 7 measurement rows; 6 bad lines");
        assertThat(Files.readAllLines(dir.resolve("o/readings.jsonl"))).hasSize(1);
    }

    @Test
    void aMissingColumnIsBadInput() throws Exception {
        Path csv = dir.resolve("m.csv");
        Files.write(csv, List.of("patient,limb,side,volume_ml", "p-1,ARM,LEFT,2400"));

        assertThat(run("import-csv", "--measurements", csv.toString(), "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("lymphwatch: " + csv + ":1: the header has no column measured_at");
    }
}

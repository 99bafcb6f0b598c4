package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReadingJson;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortWriter;
import picocli.CommandLine;

class AnalyzeCommandTest {

    @TempDir Path dir;

    private Path in;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Lymphwatch.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @BeforeEach
    void simulatedCohort() throws Exception {
        // 40 patients over a year from 2024, faults included: in the past, so nothing is
        // FUTURE_TIME against the wall clock.
        in = dir.resolve("in");
        CohortWriter.write(CohortGenerator.stream(CohortConfig.of(40, 365, 3)), in);
    }

    @Test
    void analyzesSimulatorOutputIntoAlertsMetricsAndRejections() throws Exception {
        Files.writeString(
                in.resolve("readings.jsonl"),
                "{\"schema\":1,\"readingId\":\"r-x\",\"patientId\":\"p-999999\",\"deviceId\":\"d-1\","
                        + "\"measuredAt\":\"2024-03-01T08:00:00Z\",\"kind\":\"CONTEXT\","
                        + "\"pain\":true}\n",
                StandardOpenOption.APPEND);
        Path result = dir.resolve("out");

        int code = run("analyze", "--in", in.toString(), "--out", result.toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> alerts = Files.readAllLines(result.resolve("alerts.jsonl"));
        List<String> metrics = Files.readAllLines(result.resolve("metrics.jsonl"));
        List<String> rejected = Files.readAllLines(result.resolve("rejected.jsonl"));
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.stream().map(AlertJson::read).map(Alert::patientId))
                .allMatch(id -> id.startsWith("p-"));
        assertThat(metrics).hasSizeGreaterThan(1000);
        assertThat(metrics.get(0)).contains("\"patientId\"", "\"ilvdPct\"", "\"at\"");
        assertThat(rejected.stream().map(RejectedReadingJson::read))
                .anySatisfy(r -> assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_PATIENT))
                .anySatisfy(r -> assertThat(r.reason()).isEqualTo(RejectReason.NOT_JSON));
        assertThat(out.toString())
                .contains("readings:", "duplicates", "UNKNOWN_PATIENT 1", "alerts:", "STALE_DATA");
    }

    @Test
    void sameInputGivesTheSameAlertsAndMetrics() throws Exception {
        run("analyze", "--in", in.toString(), "--out", dir.resolve("a").toString());
        run("analyze", "--in", in.toString(), "--out", dir.resolve("b").toString());

        for (String file : List.of("alerts.jsonl", "metrics.jsonl")) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertThat(a).as(file).isNotEmpty();
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file).isEqualTo(a);
        }
    }

    @Test
    void badPatientLineExitsWith2NamingFileAndLine() throws Exception {
        Path patients = in.resolve("patients.jsonl");
        List<String> lines = Files.readAllLines(patients);
        lines.set(2, lines.get(2).replace("\"surgeryDate\"", "\"surgery\""));
        Files.write(patients, lines, StandardCharsets.UTF_8);

        int code = run("analyze", "--in", in.toString(), "--out", dir.resolve("o").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("lymphwatch: " + patients + ":3: MISSING_FIELD: surgeryDate is missing");
    }

    @Test
    void missingInputExitsWith2() {
        int code =
                run(
                        "analyze",
                        "--in",
                        dir.resolve("nowhere").toString(),
                        "--out",
                        dir.resolve("o").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("nowhere", "patients.jsonl: not found");
    }

    @Test
    void helpDescribesTheCommand() {
        int code = run("analyze", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--in=DIR", "--out=OUT", "alerts.jsonl");
    }
}

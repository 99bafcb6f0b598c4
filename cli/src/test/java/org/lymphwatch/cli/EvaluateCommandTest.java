package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.model.Json;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortWriter;
import picocli.CommandLine;

/** simulate → analyze → evaluate, and sweep, through the command line as a researcher runs it. */
class EvaluateCommandTest {

    @TempDir static Path dir;

    private static Path cohort;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Lymphwatch.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @BeforeAll
    static void simulatedCohort() throws Exception {
        cohort = dir.resolve("cohort");
        CohortWriter.write(CohortGenerator.stream(CohortConfig.of(40, 365, 11)), cohort);
    }

    @Test
    void evaluatesAnalyzeOutputWithItsThresholdsIntoSummaryAndReport() throws Exception {
        Path thresholds = dir.resolve("stricter.json");
        Files.writeString(thresholds, "{\"volume\":{\"rvcLymphedemaPct\":12}}");
        assertThat(
                        run(
                                "analyze",
                                "--in",
                                cohort.toString(),
                                "--out",
                                dir.resolve("defaults").toString()))
                .isZero();
        assertThat(
                        run(
                                "analyze",
                                "--in",
                                cohort.toString(),
                                "--out",
                                dir.resolve("stricter").toString(),
                                "--thresholds",
                                thresholds.toString()))
                .as(err.toString())
                .isZero();

        int code =
                run(
                        "evaluate",
                        "--in",
                        cohort.toString(),
                        "--alerts",
                        dir.resolve("defaults/alerts.jsonl").toString(),
                        "--alerts",
                        dir.resolve("stricter/alerts.jsonl").toString(),
                        "--out",
                        dir.resolve("report").toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode summary =
                Json.mapper().readTree(Files.readString(dir.resolve("report/summary.json")));
        JsonNode runs = summary.get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("label").asText()).isEqualTo("defaults");
        assertThat(runs.get(0).get("patients").asInt()).isEqualTo(40);
        assertThat(runs.get(0).at("/configuration/volume/rvcLymphedemaPct").asDouble())
                .isEqualTo(10.0);
        assertThat(runs.get(1).at("/configuration/volume/rvcLymphedemaPct").asDouble())
                .isEqualTo(12.0);
        assertThat(runs.get(0).at("/types/LYMPHEDEMA/cases").asInt()).isPositive();
        String html = Files.readString(dir.resolve("report/report.html"));
        assertThat(html).contains("<section id=\"timelines\">").doesNotContain("http");
        assertThat(out.toString()).contains("defaults: 40 patients", "LYMPHEDEMA sensitivity");
    }

    @Test
    void sweepAnalysesEachValueAndDrawsTheCurves() throws Exception {
        int code =
                run(
                        "sweep",
                        "--in",
                        cohort.toString(),
                        "--param",
                        "volume.rvcLymphedemaPct=9..11:1",
                        "--out",
                        dir.resolve("sweep").toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode summary =
                Json.mapper().readTree(Files.readString(dir.resolve("sweep/summary.json")));
        assertThat(summary.at("/sweep/parameter").asText()).isEqualTo("volume.rvcLymphedemaPct");
        assertThat(summary.at("/sweep/values").toString()).isEqualTo("[9,10,11]");
        assertThat(summary.get("runs").findValuesAsText("label"))
                .containsExactly(
                        "volume.rvcLymphedemaPct=9",
                        "volume.rvcLymphedemaPct=10",
                        "volume.rvcLymphedemaPct=11");
        // A lower threshold can only open LYMPHEDEMA as often or more.
        List<Integer> alarms =
                summary.get("runs").findValues("LYMPHEDEMA").stream()
                        .filter(n -> n.has("alarms"))
                        .map(n -> n.get("alarms").asInt())
                        .toList();
        assertThat(alarms).hasSize(3);
        assertThat(alarms.get(0)).isGreaterThanOrEqualTo(alarms.get(2));
        assertThat(Files.readString(dir.resolve("sweep/report.html")))
                .contains("<section id=\"sweep\">");
        assertThat(dir.resolve("sweep/runs/volume.rvcLymphedemaPct=10/thresholds.json")).exists();
    }

    @Test
    void badUsageAndBadFilesExitWith2() throws Exception {
        assertThat(
                        run(
                                "sweep",
                                "--in",
                                cohort.toString(),
                                "--param",
                                "volume.nothing=1..2:1",
                                "--out",
                                dir.resolve("bad").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("volume.nothing: no such threshold");

        Path alerts = dir.resolve("broken/alerts.jsonl");
        Files.createDirectories(alerts.getParent());
        Files.writeString(alerts, "{\"schema\":1}\n");
        assertThat(
                        run(
                                "evaluate",
                                "--in",
                                cohort.toString(),
                                "--alerts",
                                alerts.toString(),
                                "--out",
                                dir.resolve("r2").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(alerts + ":1: MISSING_FIELD");

        Path thresholds = dir.resolve("typo.json");
        Files.writeString(thresholds, "{\"trend\":{\"alertPee\":0.01}}");
        assertThat(
                        run(
                                "analyze",
                                "--in",
                                cohort.toString(),
                                "--out",
                                dir.resolve("o").toString(),
                                "--thresholds",
                                thresholds.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(thresholds + ": trend.alertPee: no such threshold");
    }
}

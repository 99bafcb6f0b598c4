package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Json;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortWriter;
import picocli.CommandLine;

/** {@code replay} and {@code analyze} over the same files give the same alerts. */
class ReplayCommandTest {

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
    void replayWritesTheAlertsAndMetricsAnalyzeWritesAndLeavesNothingRunning() throws Exception {
        Path in = dir.resolve("in");
        CohortWriter.write(CohortGenerator.stream(CohortConfig.of(30, 300, 12)), in);

        succeeds("analyze", in, "a");
        succeeds("replay", in, "r");

        Map<String, List<Alert>> analyzed = byPatient(dir.resolve("a/alerts.jsonl"));
        Map<String, List<Alert>> replayed = byPatient(dir.resolve("r/alerts.jsonl"));
        assertThat(replayed).isEqualTo(analyzed).isNotEmpty();
        // Where a researcher's minute goes: publishing, the job, writing the outputs.
        assertThat(out.toString())
                .containsPattern("published 30 patients and \\d+ readings in [0-9.,]+ s")
                .contains("readings/s")
                .containsPattern("status.jsonl in [0-9.,]+ s");
        for (String file :
                List.of("alerts.jsonl", "metrics.jsonl", "rejected.jsonl", "status.jsonl")) {
            assertThat(dir.resolve("r").resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(dir.resolve("r/status.jsonl"))).hasSize(30);
        Map<String, JsonNode> stored = metricsByLimbAndTime(dir.resolve("r/metrics.jsonl"));
        assertThat(stored).isEqualTo(metricsByLimbAndTime(dir.resolve("a/metrics.jsonl")));
        assertThat(stored).isNotEmpty();
    }

    /**
     * The metric rows per patient, limb, side and instant, the last row winning as in the store,
     * where a revised row overwrites its point; the time in UTC, as the store keeps it.
     */
    private static Map<String, JsonNode> metricsByLimbAndTime(Path file) throws Exception {
        Map<String, JsonNode> rows = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            ObjectNode row = (ObjectNode) Json.mapper().readTree(line);
            String key =
                    String.join(
                            " ",
                            row.remove("patientId").asText(),
                            row.remove("limb").asText(),
                            row.remove("side").asText(),
                            OffsetDateTime.parse(row.remove("at").asText()).toInstant().toString());
            rows.put(key, row);
        }
        return rows;
    }

    @Test
    void everyPatientsLastStatusIsTheSameWhetherEveryChangeOrOnePerMinuteIsPublished()
            throws Exception {
        Path in = dir.resolve("in");
        CohortWriter.write(CohortGenerator.stream(CohortConfig.of(20, 200, 3)), in);
        for (String interval : List.of("PT0S", "PT1M")) {
            succeeds("replay", in, interval, "--status-interval", interval);
        }

        // asOf is when a status was published (the monitor's clock), and only that may differ.
        List<String> everyChange = withoutAsOf(dir.resolve("PT0S/status.jsonl"));
        assertThat(everyChange).hasSize(20);
        assertThat(withoutAsOf(dir.resolve("PT1M/status.jsonl"))).isEqualTo(everyChange);
    }

    /**
     * Runs {@code command} over the cohort in {@code in} into {@code dir/out}, with readings
     * counted as received years ahead, as a cohort simulated into the future needs: replay stamps
     * the records with it, and the broker must take them.
     */
    private void succeeds(String command, Path in, String out, String... more) {
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        command,
                        "--in",
                        in.toString(),
                        "--out",
                        dir.resolve(out).toString(),
                        "--as-of",
                        "2031-01-01T00:00:00Z"));
        args.addAll(List.of(more));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    }

    private static List<String> withoutAsOf(Path statuses) throws Exception {
        return Files.readAllLines(statuses).stream()
                .map(line -> line.replaceFirst("\"asOf\":\"[^\"]*\",", ""))
                .toList();
    }

    @Test
    void aMissingPatientsFileIsBadInput() {
        assertThat(run("replay", "--in", dir.toString(), "--out", dir.resolve("r").toString()))
                .isEqualTo(Lymphwatch.BAD_INPUT);
        assertThat(err.toString()).contains("patients.jsonl");
    }

    /** Per patient, in order, the events of every type but STALE_DATA (see docs/job.md). */
    private static Map<String, List<Alert>> byPatient(Path file) throws Exception {
        Map<String, List<Alert>> alerts = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            Alert a = AlertJson.read(line);
            if (a.type() != AlertType.STALE_DATA) {
                alerts.computeIfAbsent(a.patientId(), k -> new ArrayList<>()).add(a);
            }
        }
        return alerts;
    }
}

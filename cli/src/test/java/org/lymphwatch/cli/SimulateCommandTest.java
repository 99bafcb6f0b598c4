package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

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
    void writesPatientsReadingsAndTruth() throws Exception {
        int code =
                run(
                        "simulate",
                        "--patients",
                        "12",
                        "--days",
                        "60",
                        "--seed",
                        "4",
                        "--out",
                        dir.toString());

        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve("patients.jsonl"))).hasSize(12);
        assertThat(Files.readAllLines(dir.resolve("truth.jsonl"))).hasSize(12);
        assertThat(Files.readAllLines(dir.resolve("readings.jsonl"))).hasSizeGreaterThan(100);
        assertThat(out.toString()).contains("wrote 12 patients");
    }

    @Test
    void sameArgumentsWriteTheSameBytes() throws Exception {
        List<String> args = List.of("simulate", "--patients", "5", "--days", "40", "--seed", "9");
        run(concat(args, "--out", dir.resolve("a").toString()));
        run(concat(args, "--out", dir.resolve("b").toString()));

        assertThat(Files.readAllBytes(dir.resolve("b/readings.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a/readings.jsonl")));
    }

    @Test
    void noFaultsWithOneRateInjectsOnlyThatFault() throws Exception {
        int code =
                run(
                        "simulate",
                        "--patients",
                        "10",
                        "--days",
                        "60",
                        "--no-faults",
                        "--malformed-rate",
                        "0.5",
                        "--out",
                        dir.toString());

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("readings.jsonl"));
        assertThat(lines).anyMatch(l -> !l.endsWith("}") || l.contains("NaN"));
    }

    @Test
    void badArgumentsExitWithTwoAndOneLineSayingWhy() {
        assertThat(run("simulate", "--patients", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("lymphwatch: patients must be at least 1, was 0");
    }

    @Test
    void aRateAboveOneIsBadInput() {
        assertThat(run("simulate", "--duplicate-rate", "1.5", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void withoutOutOrKafkaThereIsNothingToDo() {
        assertThat(run("simulate", "--patients", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--out DIR and/or --kafka");
    }

    @Test
    void speedWithoutKafkaIsBadUsage() {
        assertThat(run("simulate", "--speed", "100", "--out", dir.toString())).isEqualTo(2);
        assertThat(run("simulate", "--kafka", "no-port", "--out", dir.toString())).isEqualTo(2);
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("simulate", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--patients", "--days", "--seed", "--out", "--start", "--kafka", "--speed")
                .contains("--malformed-rate", "docs/simulator.md");
    }

    private static String[] concat(List<String> args, String... more) {
        return java.util.stream.Stream.concat(args.stream(), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}

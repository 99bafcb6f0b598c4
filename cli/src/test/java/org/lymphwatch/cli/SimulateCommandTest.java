package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.Validation;
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

        for (String file : List.of("patients.jsonl", "readings.jsonl", "truth.jsonl")) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertThat(a).as(file).isNotEmpty();
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file).isEqualTo(a);
        }
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
        // No duplicates, and nothing the validator objects to but the malformations: no clock
        // ahead (FUTURE_TIME). About half of the messages are malformed.
        assertThat(lines).doesNotHaveDuplicates();
        ReadingValidator validator = new ReadingValidator();
        long rejected = 0;
        for (String line : lines) {
            if (validator.validate(line, Instant.now()) instanceof Validation.Rejected r) {
                assertThat(r.rejection().reason())
                        .as(line)
                        .isIn(
                                RejectReason.NOT_JSON,
                                RejectReason.NOT_FINITE,
                                RejectReason.OUT_OF_RANGE,
                                RejectReason.UNKNOWN_KIND);
                rejected++;
            }
        }
        assertThat(rejected / (double) lines.size()).isBetween(0.4, 0.6);
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
        assertThat(err.toString()).contains("--out DIR, --kafka and/or --gateway");
    }

    @Test
    void speedWithoutKafkaIsBadUsage() {
        assertThat(run("simulate", "--speed", "100", "--out", dir.toString())).isEqualTo(2);
        assertThat(run("simulate", "--kafka", "no-port", "--out", dir.toString())).isEqualTo(2);
    }

    @Test
    void aBrokerThatCannotBeReachedExitsWithOneAndOneLineSayingWhy() {
        assertThat(
                        run(
                                "simulate",
                                "--patients",
                                "2",
                                "--days",
                                "10",
                                "--kafka",
                                "nohost.invalid:9092"))
                .isEqualTo(1);
        assertThat(err.toString().strip().lines())
                .singleElement()
                .asString()
                .startsWith("lymphwatch: cannot publish to Kafka at nohost.invalid:9092: ");
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

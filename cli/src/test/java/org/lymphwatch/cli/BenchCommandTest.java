package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortWriter;

/**
 * A smoke run of the bench's checkpoint, sink, failure, savepoint and latency runs on a tiny
 * cohort: each prints its figure. A benchmark, not a test of speed: no timing is asserted.
 */
class BenchCommandTest {

    @TempDir Path dir;

    @Test
    void everyRunPrintsItsFigure() throws Exception {
        CohortWriter.write(CohortGenerator.stream(CohortConfig.of(10, 90, 5)), dir);
        CommandRun run =
                CommandRun.of(
                        "bench",
                        "--in",
                        dir.toString(),
                        "--runs",
                        "c,nocheckpoint,d,sink,failure,savepoint,latency",
                        "--paced",
                        "300",
                        "--rate",
                        "300",
                        "--status-interval",
                        "PT5S");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "status within PT5S of a change and a patient's readings at most every PT5S")
                .contains("c / nocheckpoint = ")
                .contains("sink / d = ")
                .contains("c with one task failure")
                .contains("bytes per patient")
                .contains("produce -> committed alert p50");
    }
}

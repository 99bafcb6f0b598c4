package org.lymphwatch.research;

import java.time.Duration;
import java.util.List;

/**
 * The result of {@code evaluate}: one {@link RunScore} per alert file, side by side, and, for a
 * sweep, the parameter and the value each run used.
 *
 * @param sweep null unless the runs come from a parameter sweep
 */
public record Evaluation(Duration horizon, Duration flapWindow, List<RunScore> runs, Sweep sweep) {

    public Evaluation {
        runs = List.copyOf(runs);
    }

    /**
     * @param parameter a {@code Thresholds} path such as {@code trend.alertP}
     * @param values the value of each run, in the order of the runs
     */
    public record Sweep(String parameter, List<Double> values) {
        public Sweep {
            values = List.copyOf(values);
        }
    }
}

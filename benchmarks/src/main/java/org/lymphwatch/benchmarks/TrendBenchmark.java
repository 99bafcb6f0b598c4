package org.lymphwatch.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.lymphwatch.analytics.trend.SwellingTrend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One trend update: the OLS fit of a swelling metric over the rolling window with slope, CI and
 * p-value ({@link SwellingTrend#fit}), against a bare {@code SimpleRegression.addData} loop and
 * slope over the same points. {@code points}: 8 is a weekly patient's 28-day window with a few
 * extra sessions, 28 a daily one, 56 a daily patient measuring twice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrendBenchmark {

    private static final long MS_PER_DAY = 86_400_000L;

    @Param({"8", "28", "56"})
    public int points;

    private long windowStartMs;
    private long[] atMs;
    private double[] rvcPct;

    @Setup
    public void window() {
        SplittableRandom random = new SplittableRandom(5);
        windowStartMs = 1_767_225_600_000L;
        atMs = new long[points];
        rvcPct = new double[points];
        for (int i = 0; i < points; i++) {
            atMs[i] = windowStartMs + i * 28 * MS_PER_DAY / points + random.nextLong(3_600_000);
            // A slowly rising RVC (0.1 %/day) with home-device noise (about 1.5 points).
            double days = (atMs[i] - windowStartMs) / (double) MS_PER_DAY;
            rvcPct[i] = 3 + 0.1 * days + 1.5 * (random.nextDouble() - 0.5);
        }
    }

    @Benchmark
    public SwellingTrend swellingTrend() {
        return SwellingTrend.fit(windowStartMs, atMs, rvcPct, points);
    }

    @Benchmark
    public double baselineSimpleRegression() {
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < points; i++) {
            regression.addData((atMs[i] - windowStartMs) / (double) MS_PER_DAY, rvcPct[i]);
        }
        return regression.getSlope();
    }
}

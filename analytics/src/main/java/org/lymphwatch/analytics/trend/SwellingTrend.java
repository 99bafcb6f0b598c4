package org.lymphwatch.analytics.trend;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Ordinary least-squares trend of a swelling metric (percent) over a window, by commons-math {@link
 * SimpleRegression}. Time enters as days since the window start, never as raw epoch milliseconds:
 * squared epoch millis (~10^24) would leave no precision for a slope.
 *
 * @param slopePctPerWeek slope in percentage points per week
 * @param standardErrorPctPerWeek standard error of the slope
 * @param ciLowPctPerWeek lower bound of the 95 % confidence interval of the slope
 * @param ciHighPctPerWeek upper bound of the 95 % confidence interval
 * @param p two-sided p-value of the slope (null hypothesis: no trend)
 * @param n number of points
 * @param spanDays days from the first to the last point
 */
public record SwellingTrend(
        double slopePctPerWeek,
        double standardErrorPctPerWeek,
        double ciLowPctPerWeek,
        double ciHighPctPerWeek,
        double p,
        int n,
        double spanDays) {

    private static final double MS_PER_DAY = 86_400_000d;
    private static final int CACHED_DF = 256;

    /**
     * Student t distributions and their two-sided 95 % critical values per degrees of freedom,
     * built once at class load (inverting the CDF is iterative; about 20 ms for all of them). No
     * random generator: they are never sampled.
     */
    private static final TDistribution[] T = new TDistribution[CACHED_DF];

    private static final double[] T_975 = new double[CACHED_DF];

    static {
        for (int df = 1; df < CACHED_DF; df++) {
            T[df] = new TDistribution(null, df);
            T_975[df] = T[df].inverseCumulativeProbability(0.975);
        }
    }

    /**
     * Fits values[i] measured at atMs[i], for i below n. Returns {@code null} for fewer than three
     * points, where a slope has no standard error.
     *
     * @param windowStartMs epoch millis the x axis counts days from
     */
    public static SwellingTrend fit(long windowStartMs, long[] atMs, double[] values, int n) {
        if (n < 3) {
            return null;
        }
        SimpleRegression regression = new SimpleRegression();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            // Subtract in exact long arithmetic first; only the small difference becomes a double.
            regression.addData((atMs[i] - windowStartMs) / MS_PER_DAY, values[i]);
            first = Math.min(first, atMs[i]);
            last = Math.max(last, atMs[i]);
        }
        if (last == first) {
            return null;
        }
        double slope = regression.getSlope();
        double se = regression.getSlopeStdErr();
        int df = n - 2;
        double halfWidth = criticalT975(df) * se;
        double p;
        if (se == 0) {
            p = slope == 0 ? 1 : 0;
        } else {
            p = 2 * (1 - t(df).cumulativeProbability(Math.abs(slope) / se));
        }
        return new SwellingTrend(
                slope * 7,
                se * 7,
                (slope - halfWidth) * 7,
                (slope + halfWidth) * 7,
                p,
                n,
                (last - first) / MS_PER_DAY);
    }

    /** Rising by at least {@code minSlopePctPerWeek} with p below {@code alpha}. */
    public boolean risingAtLeast(double minSlopePctPerWeek, double alpha) {
        return slopePctPerWeek >= minSlopePctPerWeek && p < alpha;
    }

    private static TDistribution t(int df) {
        return df < CACHED_DF ? T[df] : new TDistribution(null, df);
    }

    private static double criticalT975(int df) {
        return df < CACHED_DF ? T_975[df] : t(df).inverseCumulativeProbability(0.975);
    }
}

package org.lymphwatch.simulators;

/**
 * When lymphedema appears after surgery, as days until the relative volume change first reaches
 * 10%. DESIGN section 2: about 62% of cases appear by 6 months, 77% by 1 year, 91% by 2 years. The
 * cumulative distribution runs linearly between those points, starts at day 30 (earlier swelling is
 * post-operative) and reaches 100% at 5 years.
 */
final class OnsetDistribution {

    private static final double[] DAYS = {30, 182, 365, 730, 1826};
    private static final double[] CUMULATIVE = {0, 0.62, 0.77, 0.91, 1.0};

    private OnsetDistribution() {}

    /** Fraction of eventual cases that have appeared by this day after surgery. */
    static double cumulative(double day) {
        if (day <= DAYS[0]) {
            return 0;
        }
        for (int i = 1; i < DAYS.length; i++) {
            if (day <= DAYS[i]) {
                double f = (day - DAYS[i - 1]) / (DAYS[i] - DAYS[i - 1]);
                return CUMULATIVE[i - 1] + f * (CUMULATIVE[i] - CUMULATIVE[i - 1]);
            }
        }
        return 1;
    }

    /** A day after surgery on which a case appears, drawn from the distribution. */
    static double draw(Dice dice) {
        double u = dice.uniform(0, 1);
        for (int i = 1; i < DAYS.length; i++) {
            if (u <= CUMULATIVE[i]) {
                double f = (u - CUMULATIVE[i - 1]) / (CUMULATIVE[i] - CUMULATIVE[i - 1]);
                return DAYS[i - 1] + f * (DAYS[i] - DAYS[i - 1]);
            }
        }
        return DAYS[DAYS.length - 1];
    }
}

package org.lymphwatch.analytics.metrics;

/**
 * Bioimpedance ratio R0(unaffected)/R0(at risk), R0 the resistance at zero frequency. Fluid lowers
 * resistance, so the ratio rises above 1 as the at-risk limb swells. The dominant arm normally
 * holds more fluid, so its threshold is higher (1.139 against 1.066).
 */
public final class R0Ratio {

    private R0Ratio() {}

    public static double of(double r0UnaffectedOhm, double r0AtRiskOhm) {
        return r0UnaffectedOhm / r0AtRiskOhm;
    }

    /**
     * @param dominantSideAtRisk {@code null} when dominance is unknown: the lower, more sensitive
     *     threshold applies.
     */
    public static double threshold(
            Boolean dominantSideAtRisk, double nonDominantThreshold, double dominantThreshold) {
        return Boolean.TRUE.equals(dominantSideAtRisk) ? dominantThreshold : nonDominantThreshold;
    }
}

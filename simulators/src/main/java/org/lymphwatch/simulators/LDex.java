package org.lymphwatch.simulators;

/**
 * How a bioimpedance device turns R0 of both arms into an L-Dex score. DESIGN section 2 gives the
 * R0 ratio thresholds for lymphedema, 1.066 with the non-dominant and 1.139 with the dominant arm
 * at risk: read as healthy mean + 3 SD, they put the healthy means at about 1/1.035 and 1.035 and
 * the SD at 0.034. L-Dex maps ±3 SD onto ±10 (the normal range), so one point is 0.0102 of ratio,
 * and L-Dex noise of SD 3.3 points is that same 0.034 of ratio.
 */
final class LDex {

    /** Ratio R0(non-dominant) / R0(dominant) in the average healthy person. */
    static final double MEAN_DOMINANCE_RATIO = 1.035;

    static final double RATIO_PER_POINT = 0.0102;

    private LDex() {}

    static double score(double r0AtRiskOhm, double r0UnaffectedOhm, boolean dominantAtRisk) {
        double ratio = r0UnaffectedOhm / r0AtRiskOhm;
        double healthy = dominantAtRisk ? MEAN_DOMINANCE_RATIO : 1 / MEAN_DOMINANCE_RATIO;
        return (ratio / healthy - 1) / RATIO_PER_POINT;
    }

    /** The at-risk R0 that, with this unaffected R0, makes the device show this score. */
    static double r0AtRiskOhm(double score, double r0UnaffectedOhm, boolean dominantAtRisk) {
        double healthy = dominantAtRisk ? MEAN_DOMINANCE_RATIO : 1 / MEAN_DOMINANCE_RATIO;
        return r0UnaffectedOhm / (healthy * (1 + score * RATIO_PER_POINT));
    }
}

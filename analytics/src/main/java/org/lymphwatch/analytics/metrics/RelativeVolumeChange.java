package org.lymphwatch.analytics.metrics;

/**
 * Relative volume change (Ancukiewicz et al. 2011): RVC = (A2·U1)/(U2·A1) − 1, with A the at-risk
 * limb, U the unaffected limb, 1 the pre-operative baseline and 2 now. Dividing by the unaffected
 * limb's own change cancels weight gain or loss, which swells or shrinks both limbs alike.
 */
public final class RelativeVolumeChange {

    private RelativeVolumeChange() {}

    /** RVC in percent. */
    public static double percent(
            double atRiskNowMl,
            double unaffectedNowMl,
            double atRiskBaselineMl,
            double unaffectedBaselineMl) {
        return ((atRiskNowMl * unaffectedBaselineMl) / (unaffectedNowMl * atRiskBaselineMl) - 1)
                * 100;
    }
}

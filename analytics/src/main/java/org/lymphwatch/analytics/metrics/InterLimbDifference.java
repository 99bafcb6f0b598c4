package org.lymphwatch.analytics.metrics;

/**
 * Inter-limb volume difference, the measure when no pre-operative baseline exists: ILVD = A − U in
 * mL and (A − U)/U in percent. Lymphedema from 200 mL or 10 %; healthy arms differ by up to about 4
 * % (dominance), which this measure cannot correct for.
 */
public final class InterLimbDifference {

    private InterLimbDifference() {}

    public static double ml(double atRiskMl, double unaffectedMl) {
        return atRiskMl - unaffectedMl;
    }

    public static double percent(double atRiskMl, double unaffectedMl) {
        return (atRiskMl - unaffectedMl) / unaffectedMl * 100;
    }
}

package org.lymphwatch.analytics.metrics;

/**
 * Change of the L-Dex score (bioimpedance spectroscopy) from the pre-operative baseline. A rise of
 * 6.5 or more triggers compression in the PREVENT trial; an absolute L-Dex above +10 suggests
 * lymphedema, and below −10 usually a measurement error.
 */
public final class LDexChange {

    private LDexChange() {}

    /** The rise from baseline, or NaN when either value is unknown (NaN). */
    public static double fromBaseline(double lDexNow, double lDexBaseline) {
        return lDexNow - lDexBaseline;
    }
}

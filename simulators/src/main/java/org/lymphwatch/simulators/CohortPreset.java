package org.lymphwatch.simulators;

import org.lymphwatch.model.Limb;

/**
 * Harder cohorts for scoring the alert rules, each one way in which real patients differ from the
 * default cohort (docs/simulator.md lists them; the README records their scores).
 */
public enum CohortPreset {
    /** The default cohort: arms, 70 % measuring daily, 20 % without a baseline. */
    DEFAULT,
    /**
     * Leg lymphedema after gynaecological or melanoma surgery: leg volumes and circumferences (the
     * L-Dex applies to legs; the R0-ratio and 200 mL thresholds, from arm studies, do not).
     */
    LEG,
    /** Every patient measures weekly, with the tape-measure app only. */
    WEEKLY_TAPE,
    /** No patient has a pre-operative baseline: RVC is unknown, ILVD only. */
    NO_BASELINE,
    /** Patients take only 60-95 % of their scheduled measurements (missed 5-40 %). */
    POOR_ADHERENCE;

    public CohortConfig apply(CohortConfig c) {
        Population p = c.population();
        return switch (this) {
            case DEFAULT -> c;
            case LEG -> c.withPopulation(p.withLimb(Limb.LEG));
            case WEEKLY_TAPE ->
                    c.withDailyCadence(0)
                            .withPopulation(p.withDevices(Population.DeviceMix.TAPE_ONLY));
            case NO_BASELINE -> c.withMissingBaseline(1);
            case POOR_ADHERENCE -> c.withPopulation(p.withMissed(0.05, 0.4));
        };
    }
}

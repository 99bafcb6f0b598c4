package org.lymphwatch.research;

/**
 * The score of one alert type on one run.
 *
 * @param scored whether the ground truth says what this type should find; if not, only {@code
 *     alarms} is meaningful
 * @param cases counted targets
 * @param detected cases detected within the horizon
 * @param alarms episodes opened
 * @param trueAlarms episodes that overlap a target
 * @param falseAlarms the others
 * @param falseAlarmsPerPatientYear false alarms over the follow-up of the whole cohort
 */
public record TypeScore(
        boolean scored,
        int cases,
        int detected,
        int alarms,
        int trueAlarms,
        int falseAlarms,
        double falseAlarmsPerPatientYear,
        Delays delays) {

    /** Detected cases over cases; NaN without cases. */
    public double sensitivity() {
        return cases == 0 ? Double.NaN : detected / (double) cases;
    }

    /** Positive predictive value: true alarms over alarms; NaN without alarms or unscored. */
    public double ppv() {
        return !scored || alarms == 0 ? Double.NaN : trueAlarms / (double) alarms;
    }
}

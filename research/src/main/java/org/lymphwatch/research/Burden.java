package org.lymphwatch.research;

/**
 * What one alert type puts in a clinician's inbox.
 *
 * @param openings OPENED and REOPENED events: each one lands in the inbox
 * @param perHundredPatientWeeks openings per 100 patients per week of follow-up
 * @param flaps openings within the flapping window after the same slot (same patient, type, limb,
 *     side, qualifier; the same alertId or a new one) resolved
 * @param mostOpeningsInOneSlot the most openings of one slot of one patient
 */
public record Burden(
        int openings, double perHundredPatientWeeks, int flaps, int mostOpeningsInOneSlot) {

    /** Flaps over openings; NaN without openings. */
    public double flapShare() {
        return openings == 0 ? Double.NaN : flaps / (double) openings;
    }
}

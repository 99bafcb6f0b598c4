package org.lymphwatch.research;

import java.util.List;
import java.util.Map;
import org.lymphwatch.model.AlertType;

/**
 * Everything {@code evaluate} says about one alert file.
 *
 * @param label how the report names the run (its directory, or the swept value)
 * @param configuration the thresholds that produced the alerts, as JSON, or null when unknown
 * @param types per alert type, in the order of {@link AlertType}
 * @param burden per alert type, in the same order
 * @param lymphedemaBySubgroup LYMPHEDEMA detection split by time since surgery, baseline, cadence
 *     and device
 * @param transients what happened to patients whose swelling went away by itself
 */
public record RunScore(
        String label,
        String configuration,
        int patients,
        double patientYears,
        Map<AlertType, TypeScore> types,
        Map<AlertType, Burden> burden,
        List<Subgroup> lymphedemaBySubgroup,
        TransientOutcome transients,
        List<CaseOutcome> lymphedemaCases) {

    /**
     * LYMPHEDEMA detection in one group of patients.
     *
     * @param dimension "time since surgery", "baseline", "cadence", "device"
     */
    public record Subgroup(String dimension, String group, int cases, int detected, Delays delays) {

        public double sensitivity() {
            return cases == 0 ? Double.NaN : detected / (double) cases;
        }
    }

    /**
     * Patients with a TRANSIENT course: handled well when no LYMPHEDEMA alert opened (and any
     * SUBCLINICAL or WORSENING_TREND alert resolved), badly when LYMPHEDEMA opened.
     *
     * @param noAlert no swelling alert at all
     * @param resolved swelling alerts (SUBCLINICAL, WORSENING_TREND) that all resolved
     * @param stillOpen a SUBCLINICAL or WORSENING_TREND alert still open at the end
     * @param lymphedemaOpened a LYMPHEDEMA alert opened
     */
    public record TransientOutcome(
            int patients, int noAlert, int resolved, int stillOpen, int lymphedemaOpened) {}
}

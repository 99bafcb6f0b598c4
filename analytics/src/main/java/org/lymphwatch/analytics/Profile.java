package org.lymphwatch.analytics;

import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Side;

/**
 * What the rules need to know about a patient, as a serializable part of the monitor state (the
 * model's {@link Patient} is a contract type, not state). Absent baseline values are NaN.
 */
record Profile(
        String patientId,
        Limb limb,
        Side atRiskSide,
        Boolean dominantSideAtRisk,
        long surgeryDayStartMs,
        int cadenceDays,
        double baselineAtRiskMl,
        double baselineUnaffectedMl,
        double baselineLDex) {

    private static final long MS_PER_DAY = 86_400_000L;

    static Profile of(Patient p) {
        Baseline b = p.baseline();
        return new Profile(
                p.patientId(),
                p.limb(),
                p.atRiskSide(),
                p.dominantSide() == null ? null : p.dominantSideAtRisk(),
                p.surgeryDate().toEpochDay() * MS_PER_DAY,
                Math.max(1, p.cadenceDays()),
                b == null || b.atRiskVolumeMl() == null ? Double.NaN : b.atRiskVolumeMl(),
                b == null || b.unaffectedVolumeMl() == null ? Double.NaN : b.unaffectedVolumeMl(),
                b == null || b.lDex() == null ? Double.NaN : b.lDex());
    }

    boolean hasBaselineVolumes() {
        return !Double.isNaN(baselineAtRiskMl) && !Double.isNaN(baselineUnaffectedMl);
    }

    /** Threshold and trend rules apply from this event time on (surgery, UTC day, + 90 days). */
    long rulesStartMs(Thresholds t) {
        return surgeryDayStartMs + t.timing().rulesStartDays() * MS_PER_DAY;
    }
}

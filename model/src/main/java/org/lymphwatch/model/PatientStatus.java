package org.lymphwatch.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where one patient stands now (compacted topic {@code patient-status}, key = patientId; InfluxDB
 * {@code patient_status}; status.jsonl): the triage level, the latest swelling metrics and trend,
 * the open alerts, and when the patient last measured and should measure next. The triage board,
 * the patient's app and the demo summary all read this one record. Absent metrics are null.
 *
 * @param asOf event time this status describes (the newest reading or timer that changed it)
 * @param lastReadingAt when the newest reading was measured
 * @param measurementDueAt when the patient should measure next (last reading + cadence)
 */
public record PatientStatus(
        int schema,
        String patientId,
        Limb limb,
        Side atRiskSide,
        StatusLevel level,
        OffsetDateTime asOf,
        OffsetDateTime lastReadingAt,
        OffsetDateTime measurementDueAt,
        Double rvcPct,
        Double ilvdMl,
        Double ilvdPct,
        Double lDex,
        Double lDexDelta,
        Double r0Ratio,
        Double trendSlopePctPerWeek,
        Double trendCiLowPctPerWeek,
        Double trendCiHighPctPerWeek,
        Double trendP,
        List<OpenAlert> openAlerts)
        implements java.io.Serializable {

    public PatientStatus {
        openAlerts = openAlerts == null ? List.of() : List.copyOf(openAlerts);
    }
}

package org.lymphwatch.model;

import java.time.OffsetDateTime;

/**
 * A clinician's response to an alert (topic {@code alert-actions}, keyed by patientId so the job
 * routes it to the patient's monitor).
 */
public record AlertAction(
        int schema,
        String patientId,
        String alertId,
        Kind action,
        OffsetDateTime until,
        String by,
        OffsetDateTime at)
        implements java.io.Serializable {

    public enum Kind {
        ACKNOWLEDGE,
        SNOOZE,
        RESOLVE
    }
}

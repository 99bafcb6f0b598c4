package org.lymphwatch.model;

import java.time.OffsetDateTime;

/** A clinician's response to an alert (topic {@code alert-actions}). */
public record AlertAction(
        int schema, String alertId, Kind action, OffsetDateTime until, String by, OffsetDateTime at)
        implements java.io.Serializable {

    public enum Kind {
        ACKNOWLEDGE,
        SNOOZE,
        RESOLVE
    }
}

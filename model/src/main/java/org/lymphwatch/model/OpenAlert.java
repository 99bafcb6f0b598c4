package org.lymphwatch.model;

/**
 * An alert as clinicians see it now: its latest published event, and whether a clinician has
 * acknowledged it (until it escalates) or snoozed its slot ({@code snoozedUntil}, else null).
 */
public record OpenAlert(Alert alert, boolean acknowledged, java.time.OffsetDateTime snoozedUntil)
        implements java.io.Serializable {}

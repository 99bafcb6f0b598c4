package org.lymphwatch.model;

/** Kinds of alert (DESIGN section 4). */
public enum AlertType {
    SUBCLINICAL,
    LYMPHEDEMA,
    WORSENING_TREND,
    RAPID_RISE,
    NO_RESPONSE,
    STALE_DATA,
    MEASUREMENT_QUALITY
}

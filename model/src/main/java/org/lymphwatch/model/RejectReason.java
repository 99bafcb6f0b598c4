package org.lymphwatch.model;

/** Why a message on {@code readings} was not accepted (DESIGN section 3). */
public enum RejectReason {
    NOT_JSON,
    MISSING_FIELD,
    BAD_TYPE,
    UNKNOWN_KIND,
    NOT_FINITE,
    OUT_OF_RANGE,
    FUTURE_TIME,
    UNKNOWN_PATIENT,
    TOO_LARGE,
    UNSUPPORTED_SCHEMA
}

package org.lymphwatch.model;

/** Life cycle of an alert episode as published on {@code alerts}. */
public enum AlertState {
    OPENED,
    ESCALATED,
    RESOLVED
}

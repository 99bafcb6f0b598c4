package org.lymphwatch.model;

/**
 * Life cycle of an alert episode as published on {@code alerts}. REOPENED: the episode had been
 * RESOLVED, then readings that arrived late (measured earlier) showed it had not ended; it carries
 * the same alertId and a higher revision.
 */
public enum AlertState {
    OPENED,
    ESCALATED,
    REOPENED,
    RESOLVED
}

package org.lymphwatch.analytics;

import org.lymphwatch.model.Alert;

/**
 * An alert as clinicians see it now: its latest published event, and whether a clinician has
 * acknowledged it (until it escalates).
 */
public record OpenAlert(Alert alert, boolean acknowledged) {}

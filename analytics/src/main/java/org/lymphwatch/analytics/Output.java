package org.lymphwatch.analytics;

import org.lymphwatch.model.Alert;

/** What a {@link PatientMonitor} call produces, in the order it was decided. */
public sealed interface Output {

    /** An alert event for topic {@code alerts} / alerts.jsonl. */
    record AlertEvent(Alert alert) implements Output {}

    /** Metrics of one evaluated reading for metrics.jsonl / InfluxDB {@code swelling}. */
    record Metrics(SwellingMetrics metrics) implements Output {}

    /** A reading that was accepted by validation but not analysed, and why: never silent. */
    record Skipped(String readingId, Reason reason) implements Output {

        public enum Reason {
            /** The readingId was seen before: it has effect once. */
            DUPLICATE,
            /** Measured more than {@link Thresholds.Timing#maxLateness()} before the newest. */
            TOO_LATE,
            /** Measured long before surgery: the device clock is off (a quality alert says so). */
            CLOCK_OFF,
            /** For a limb this patient is not monitored for (a quality alert says so). */
            OTHER_LIMB
        }
    }
}

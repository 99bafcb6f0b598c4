package org.lymphwatch.gateway;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per patient, the newest measurement the gateway wrote to Kafka and when: the patient's app says
 * "received" before the job's status includes it. The job publishes a patient's readings at most
 * once per {@code status.routineInterval} (a minute), so when both arms are measured one after the
 * other, the second shows in the status up to a minute later. One entry per patient who measured,
 * in memory: after a restart the app shows what the status says, at most a minute behind.
 */
final class ReceivedMeasurements {

    /** A measurement as the device dated it, and when the gateway wrote it. */
    record Received(OffsetDateTime measuredAt, Instant receivedAt) {}

    private final Map<String, Received> newest = new ConcurrentHashMap<>();

    void add(String patientId, OffsetDateTime measuredAt, Instant receivedAt) {
        Received r = new Received(measuredAt, receivedAt);
        // A backfill of older readings does not replace the newest measurement.
        newest.merge(
                patientId, r, (old, now) -> now.measuredAt().isAfter(old.measuredAt()) ? now : old);
    }

    /** The newest measurement received for the patient, or null if none since the start. */
    Received of(String patientId) {
        return newest.get(patientId);
    }
}

package org.lymphwatch.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An alert event (topic {@code alerts}). {@code alertId} is stable for one episode, so OPENED,
 * ESCALATED, REOPENED and RESOLVED of the same episode share it; {@code revision} numbers the
 * episode's events 1, 2, 3, ... in the order they were published, so {@code (alertId, revision)}
 * names one event and the highest revision is the episode's current state. {@code evidence} lists
 * the readingIds the decision used, so a clinician can check why it fired.
 */
public record Alert(
        int schema,
        String alertId,
        String patientId,
        Limb limb,
        Side side,
        AlertType type,
        AlertState state,
        int revision,
        OffsetDateTime at,
        String metric,
        Double value,
        Double threshold,
        String message,
        List<String> evidence)
        implements java.io.Serializable {

    public Alert {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}

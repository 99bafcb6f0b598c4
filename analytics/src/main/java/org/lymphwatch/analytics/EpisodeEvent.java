package org.lymphwatch.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;

/**
 * One change of an alert episode as the rules decided it: the serializable form of an {@link Alert}
 * before it is published. {@code level} orders escalations within the episode.
 */
record EpisodeEvent(
        String alertId,
        String slot,
        AlertType type,
        Limb limb,
        Side side,
        AlertState state,
        int level,
        long atMs,
        int offsetSeconds,
        String metric,
        double value,
        double threshold,
        String message,
        List<String> evidence) {

    EpisodeEvent {
        // A plain ArrayList: immutable JDK lists do not survive every state serializer.
        evidence = new ArrayList<>(evidence);
    }

    Alert toAlert(String patientId, int revision) {
        return new Alert(
                1,
                alertId,
                patientId,
                limb,
                side,
                type,
                state,
                revision,
                Instant.ofEpochMilli(atMs).atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds)),
                metric,
                Double.isNaN(value) ? null : value,
                Double.isNaN(threshold) ? null : threshold,
                message,
                evidence);
    }

    EpisodeEvent as(AlertState newState, long at, int offset, String newMessage, List<String> ev) {
        return new EpisodeEvent(
                alertId,
                slot,
                type,
                limb,
                side,
                newState,
                level,
                at,
                offset,
                metric,
                Double.NaN,
                Double.NaN,
                newMessage,
                ev);
    }
}

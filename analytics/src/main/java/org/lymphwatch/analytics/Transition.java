package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules changed the alert state machine at this reading: what it became and the events that
 * said so. Only readings that change something leave a transition, so this log stays short.
 */
record Transition(long atMs, String readingId, AlertStateMachine after, List<EpisodeEvent> events) {

    Transition {
        events = new ArrayList<>(events);
    }

    /** Sorts like {@link Point#compareTo}. */
    int compareTo(Point p) {
        int c = Long.compare(atMs, p.atMs());
        return c != 0 ? c : readingId.compareTo(p.readingId());
    }
}

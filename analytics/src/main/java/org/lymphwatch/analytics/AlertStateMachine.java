package org.lymphwatch.analytics;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * The clinical side of the alert life cycle: which episodes are open, decided by {@link AlertRules}
 * from readings in event-time order. Immutable: a step that changes something returns a new
 * machine, so the monitor can keep the machine as it was before any reading and re-run the rules
 * from there when a reading arrives late.
 *
 * @param open open episodes by slot, sorted so iteration is the same everywhere
 * @param noResponseOpenedMs when the last NO_RESPONSE episode opened: a new one needs a new course
 */
record AlertStateMachine(TreeMap<String, AlertEpisode> open, long noResponseOpenedMs)
        implements Serializable {

    static final AlertStateMachine EMPTY = new AlertStateMachine(new TreeMap<>(), Long.MIN_VALUE);

    AlertStateMachine {
        open = new TreeMap<>(open);
    }

    AlertEpisode episode(String slot) {
        return open.get(slot);
    }
}

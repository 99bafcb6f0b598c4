package org.lymphwatch.analytics;

import java.util.TreeMap;

/**
 * The clinical side of the alert life cycle: which episodes are open, decided by {@link AlertRules}
 * from readings in event-time order. Immutable: a step that changes something returns a new
 * machine, so the monitor can keep the machine as it was before any reading and re-run the rules
 * from there when a reading arrives late.
 *
 * @param open open episodes by slot, sorted so iteration is the same everywhere
 * @param course the current or last massage course, or {@code null}
 * @param noResponseOpenedMs when the last NO_RESPONSE episode opened: once per course
 * @param resolvedMs when the last episode of a slot resolved, kept for the slots that resolved
 *     within {@link Thresholds.Confirmation#reopenCooldown()}: a new episode of such a slot needs
 *     stronger evidence (hysteresis in time), so one episode does not open, resolve and re-open for
 *     noise
 */
record AlertStateMachine(
        TreeMap<String, AlertEpisode> open,
        MassageCourse course,
        long noResponseOpenedMs,
        TreeMap<String, Long> resolvedMs) {

    static final AlertStateMachine EMPTY =
            new AlertStateMachine(new TreeMap<>(), null, Long.MIN_VALUE, new TreeMap<>());

    /**
     * A course of massage sessions, remembered from its first session because a course (with
     * self-massage after it) can outlast the readings the monitor keeps.
     *
     * @param referencePct the swelling level before the first session, NaN if unmeasured
     * @param sessions sessions so far, counted up to the number that makes a course
     */
    record MassageCourse(long startMs, double referencePct, int sessions) {}

    AlertStateMachine {
        open = new TreeMap<>(open);
        resolvedMs = new TreeMap<>(resolvedMs);
    }
}

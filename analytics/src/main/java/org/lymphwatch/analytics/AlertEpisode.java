package org.lymphwatch.analytics;

/**
 * An open alert episode of one slot (type, limb, side and, for quality problems, what is wrong).
 *
 * @param alertId stable for the episode: derived from the slot and the event time of the reading
 *     that opened it, so the offline analyzer and the streaming job name it alike
 * @param level 1 when opened; higher after each escalation
 * @param reference rule memory: the level before a rapid rise, or before a massage course
 * @param anchorMs rule memory: when the massage course began
 * @param opened the OPENED event, kept to publish it late (after a snooze, or on escalation)
 * @param latest the newest event of the episode
 */
record AlertEpisode(
        String slot,
        String alertId,
        long openedMs,
        int level,
        double reference,
        long anchorMs,
        EpisodeEvent opened,
        EpisodeEvent latest) {

    AlertEpisode escalated(EpisodeEvent e) {
        return new AlertEpisode(slot, alertId, openedMs, e.level(), reference, anchorMs, opened, e);
    }
}

package org.lymphwatch.simulators;

/**
 * An episode in days after surgery: from {@code fromDay} (included) to {@code toDay} (excluded). An
 * episode still running at the end of follow-up keeps its planned end.
 */
public record Episode(EpisodeType type, int fromDay, int toDay) {

    public Episode {
        if (toDay <= fromDay) {
            throw new IllegalArgumentException("episode ends before it starts");
        }
    }

    public boolean covers(int day) {
        return day >= fromDay && day < toDay;
    }

    /** How far the episode has got on this day: 0 before it starts, 1 from its end on. */
    double progress(int day) {
        return Math.max(0, Math.min(1, (day - fromDay) / (double) (toDay - fromDay)));
    }
}

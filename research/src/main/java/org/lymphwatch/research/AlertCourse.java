package org.lymphwatch.research;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;

/**
 * One alert episode (one alertId) rebuilt from its events: the spans during which it stood open. A
 * REOPENED event starts a new span of the same episode.
 *
 * @param slot what the alert is about for this patient (type, limb, side, qualifier): the alertId
 *     without patient and opening time, so successive episodes of one slot can be compared
 * @param spans open spans in time order; the last one's {@code to} is null while still open
 */
public record AlertCourse(
        String alertId, String patientId, AlertType type, String slot, List<Span> spans) {

    /** From an OPENED or REOPENED event to the next RESOLVED one (null: never resolved). */
    public record Span(OffsetDateTime from, OffsetDateTime to) {

        /** Whether this span and [from, until) share a moment. */
        boolean overlaps(OffsetDateTime from, OffsetDateTime until) {
            return this.from.isBefore(until) && (to == null || to.isAfter(from));
        }
    }

    public OffsetDateTime openedAt() {
        return spans.get(0).from();
    }

    /** The last resolution, or null while the episode is open. */
    public OffsetDateTime resolvedAt() {
        return spans.get(spans.size() - 1).to();
    }

    public boolean overlaps(OffsetDateTime from, OffsetDateTime until) {
        return spans.stream().anyMatch(s -> s.overlaps(from, until));
    }

    /**
     * Groups alert events by alertId in revision order. Events of an episode whose OPENED event is
     * missing (a file cut short) start their first span at their first event.
     *
     * @return the episodes ordered by opening time, then alertId
     */
    public static List<AlertCourse> of(List<Alert> events) {
        Map<String, List<Alert>> byId = new LinkedHashMap<>();
        for (Alert a : events) {
            byId.computeIfAbsent(a.alertId(), k -> new ArrayList<>()).add(a);
        }
        List<AlertCourse> courses = new ArrayList<>();
        for (List<Alert> list : byId.values()) {
            list.sort(Comparator.comparingInt(Alert::revision));
            List<Span> spans = new ArrayList<>();
            OffsetDateTime openFrom = null;
            for (Alert a : list) {
                if (a.state() == AlertState.RESOLVED) {
                    if (openFrom != null) {
                        spans.add(new Span(openFrom, a.at()));
                        openFrom = null;
                    }
                } else if (openFrom == null) {
                    openFrom = a.at();
                }
            }
            if (openFrom != null) {
                spans.add(new Span(openFrom, null));
            }
            if (spans.isEmpty()) {
                continue;
            }
            Alert first = list.get(0);
            courses.add(
                    new AlertCourse(
                            first.alertId(),
                            first.patientId(),
                            first.type(),
                            slot(first.alertId(), first.patientId()),
                            List.copyOf(spans)));
        }
        courses.sort(
                Comparator.comparing(AlertCourse::openedAt).thenComparing(AlertCourse::alertId));
        return courses;
    }

    /** {@code p-1:LYMPHEDEMA:ARM:LEFT:20260301T071500Z} → {@code LYMPHEDEMA:ARM:LEFT}. */
    static String slot(String alertId, String patientId) {
        String rest =
                alertId.startsWith(patientId + ":")
                        ? alertId.substring(patientId.length() + 1)
                        : alertId;
        int last = rest.lastIndexOf(':');
        return last < 0 ? rest : rest.substring(0, last);
    }
}

package org.lymphwatch.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.PatientStatus;

/**
 * What the board knows, built only from Kafka: the latest {@link PatientStatus} per patient (topic
 * {@code patient-status}) and every alert event per episode (topic {@code alerts}; the highest
 * revision is the episode's current state). Replaying the topics from the start rebuilds it
 * exactly, so the web app holds no state of its own about patients.
 */
public final class TriageBoard {

    /** One alert episode: its events by revision, the last being its current state. */
    public record Episode(String alertId, List<Alert> events) {
        public Alert current() {
            return events.get(events.size() - 1);
        }
    }

    /** Most urgent level first; within a level the fastest-rising trend first. */
    static final Comparator<PatientStatus> TRIAGE_ORDER =
            Comparator.comparing(PatientStatus::level)
                    .thenComparing(
                            PatientStatus::trendSlopePctPerWeek,
                            Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(PatientStatus::patientId);

    private final Map<String, PatientStatus> statuses = new HashMap<>();
    private final Map<String, Map<String, TreeMap<Integer, Alert>>> alerts = new HashMap<>();
    private long version;

    public synchronized void apply(PatientStatus status) {
        statuses.put(status.patientId(), status);
        version++;
    }

    /** A tombstone on the compacted topic: the patient left monitoring. */
    public synchronized void remove(String patientId) {
        if (statuses.remove(patientId) != null) {
            version++;
        }
    }

    /** Keeps each (alertId, revision) once, so a re-delivered event changes nothing. */
    public synchronized void apply(Alert alert) {
        TreeMap<Integer, Alert> events =
                alerts.computeIfAbsent(alert.patientId(), p -> new HashMap<>())
                        .computeIfAbsent(alert.alertId(), id -> new TreeMap<>());
        if (events.putIfAbsent(alert.revision(), alert) == null) {
            version++;
        }
    }

    /** Changes with every applied record; the board's live updates poll it. */
    public synchronized long version() {
        return version;
    }

    public synchronized List<PatientStatus> inTriageOrder() {
        List<PatientStatus> all = new ArrayList<>(statuses.values());
        all.sort(TRIAGE_ORDER);
        return all;
    }

    public synchronized Optional<PatientStatus> status(String patientId) {
        return Optional.ofNullable(statuses.get(patientId));
    }

    /** The patient's alert episodes, newest first. */
    public synchronized List<Episode> episodes(String patientId) {
        List<Episode> result = new ArrayList<>();
        alerts.getOrDefault(patientId, Map.of())
                .forEach((id, events) -> result.add(new Episode(id, List.copyOf(events.values()))));
        result.sort(
                Comparator.comparing((Episode e) -> e.events().get(0).at().toInstant()).reversed());
        return result;
    }

    /**
     * The job's clock: the newest event time any status describes. "Hours since the last reading"
     * are counted on it, so a replay or a demo at speed shows them as the job sees them.
     */
    public synchronized Optional<OffsetDateTime> clock() {
        return statuses.values().stream()
                .map(PatientStatus::asOf)
                .max(Comparator.comparing(OffsetDateTime::toInstant));
    }
}

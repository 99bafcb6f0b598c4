package org.lymphwatch.analytics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;

/**
 * Runs {@link PatientMonitor}s over readings in arrival order, the offline twin of the streaming
 * job: one monitor per patient, and one clock for all, the newest event time seen so far (what a
 * watermark without delay would be). Before each reading the clock advances to the reading's event
 * time and every monitor whose timer is due gets {@link PatientMonitor#onTime}, as Flink event-time
 * timers would fire.
 */
public final class OfflineAnalyzer {

    private record Timer(long atMs, String patientId) {}

    private final Map<String, Patient> patients;
    private final Thresholds thresholds;
    private final Consumer<Output> sink;
    private final Map<String, PatientMonitor> monitors = new HashMap<>();
    private final Map<String, Long> scheduled = new HashMap<>();
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(
                    (a, b) ->
                            a.atMs != b.atMs
                                    ? Long.compare(a.atMs, b.atMs)
                                    : a.patientId.compareTo(b.patientId));
    private long clockMs = Long.MIN_VALUE;

    /**
     * @param patients the patient registry by patientId
     * @param sink receives every output, in the order decided
     */
    public OfflineAnalyzer(
            Map<String, Patient> patients, Thresholds thresholds, Consumer<Output> sink) {
        this.patients = patients;
        this.thresholds = thresholds;
        this.sink = sink;
    }

    /** Whether readings of this patient can be analysed (otherwise they are UNKNOWN_PATIENT). */
    public boolean knows(String patientId) {
        return patients.containsKey(patientId);
    }

    /**
     * @throws IllegalArgumentException for a patient not in the registry
     */
    public void accept(Reading r) {
        Patient p = patients.get(r.patientId());
        if (p == null) {
            throw new IllegalArgumentException("unknown patient " + r.patientId());
        }
        advanceTo(r.instant());
        PatientMonitor m =
                monitors.computeIfAbsent(r.patientId(), id -> new PatientMonitor(p, thresholds));
        emit(m.onTime(Instant.ofEpochMilli(clockMs)));
        emit(m.onReading(r));
        schedule(m);
    }

    /** Moves the clock forward (never back) and fires the timers now due. */
    public void advanceTo(Instant t) {
        clockMs = Math.max(clockMs, t.toEpochMilli());
        while (!timers.isEmpty() && timers.peek().atMs <= clockMs) {
            Timer due = timers.poll();
            if (!Long.valueOf(due.atMs).equals(scheduled.get(due.patientId))) {
                continue;
            }
            scheduled.remove(due.patientId);
            PatientMonitor m = monitors.get(due.patientId);
            Optional<Instant> next = m.nextTimer();
            if (next.isPresent() && next.get().toEpochMilli() <= clockMs) {
                emit(m.onTime(Instant.ofEpochMilli(clockMs)));
            }
            schedule(m);
        }
    }

    /** The end of input: fires what is due at the final clock. */
    public void finish() {
        if (clockMs != Long.MIN_VALUE) {
            advanceTo(Instant.ofEpochMilli(clockMs));
        }
    }

    private void schedule(PatientMonitor m) {
        Optional<Instant> next = m.nextTimer();
        if (next.isEmpty()) {
            return;
        }
        // A timer that moved later stays queued; when it comes due, it is moved on.
        long at = next.get().toEpochMilli();
        Long current = scheduled.get(m.patientId());
        if (current == null || at < current) {
            scheduled.put(m.patientId(), at);
            timers.add(new Timer(at, m.patientId()));
        }
    }

    private void emit(List<Output> outputs) {
        outputs.forEach(sink);
    }
}

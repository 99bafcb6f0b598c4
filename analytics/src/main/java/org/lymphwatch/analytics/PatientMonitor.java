package org.lymphwatch.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lymphwatch.analytics.trend.SwellingTrend;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.StatusLevel;

/**
 * Swelling analytics for one patient, all limbs and sides: the one implementation the streaming job
 * and the offline analyzer share. Readings, time and clinicians' actions go in; alert events,
 * metric rows and notes on skipped readings come out. All memory is in {@link #state()}, so a Flink
 * keyed function can keep it in keyed state and {@link #resume} a monitor per call.
 *
 * <p>Decisions follow event time (measuredAt), not arrival: a late reading is inserted in order and
 * the rules re-run from it, so the same readings give the same metrics, episodes and alert ids in
 * any arrival order within {@link Thresholds.Timing#maxLateness()}. Only STALE_DATA and device
 * problems (clock, limb) depend on arrival, by their nature. Not thread-safe; one monitor per
 * patient, one caller at a time. Every call that can change the state counts in it, so its binary
 * form is encoded again only after a change ({@link MonitorState#writeTo}).
 */
public final class PatientMonitor {

    private static final long MS_PER_DAY = 86_400_000L;

    private final Thresholds t;
    private final MonitorState s;

    public PatientMonitor(Patient patient, Thresholds thresholds) {
        this(new MonitorState(Profile.of(patient)), thresholds);
    }

    private PatientMonitor(MonitorState state, Thresholds thresholds) {
        this.s = state;
        this.t = thresholds;
    }

    /** A monitor over state kept elsewhere (e.g. Flink keyed state); changes go into it. */
    public static PatientMonitor resume(MonitorState state, Thresholds thresholds) {
        return new PatientMonitor(state, thresholds);
    }

    public MonitorState state() {
        return s;
    }

    public String patientId() {
        return s.profile.patientId();
    }

    /**
     * A new version of the patient record (baseline added, surgery date corrected, ...). The rules
     * re-run over the readings within {@link Thresholds.Timing#maxLateness()}.
     */
    public List<Output> onPatient(Patient patient) {
        requireSamePatient(patient.patientId());
        s.changes++;
        Profile profile = Profile.of(patient);
        if (profile.equals(s.profile)) {
            return List.of();
        }
        s.profile = profile;
        s.statusMetrics = null;
        if (s.timeline.size() == 0) {
            return List.of();
        }
        long from = s.newestMs - t.timing().maxLateness().toMillis();
        int i = 0;
        while (s.timeline.get(i).atMs() < from) {
            i++;
        }
        Point newest = s.timeline.get(s.timeline.size() - 1);
        List<EpisodeEvent> events = replayFrom(i);
        return alerts(
                s.inbox.reconcile(
                        events,
                        openEpisodes(),
                        s.clockMs,
                        new AlertInbox.Trigger(
                                newest.atMs(), newest.offsetSeconds(), newest.readingId())));
    }

    /**
     * A validated reading of this patient, in arrival order. Call {@link #onTime} with the current
     * event-time clock first (the watermark in the job), so silence for STALE_DATA is measured on
     * that clock rather than by the event time of readings that arrive late.
     */
    public List<Output> onReading(Reading r) {
        requireSamePatient(r.patientId());
        s.changes++;
        if (s.timeline.contains(r.readingId())) {
            return List.of(new Output.Skipped(r.readingId(), Output.Skipped.Reason.DUPLICATE));
        }
        long at = r.instant().toEpochMilli();
        int offset = r.measuredAt().getOffset().getTotalSeconds();
        List<EpisodeEvent> arrival = new ArrayList<>();
        List<Output> out = new ArrayList<>();
        heardFrom(r, offset, arrival);
        Output.Skipped.Reason skip = deviceProblem(r, at, offset, arrival);
        if (skip == null
                && s.newestMs != Long.MIN_VALUE
                && at < s.newestMs - t.timing().maxLateness().toMillis()) {
            skip = Output.Skipped.Reason.TOO_LATE;
        }
        if (skip != null) {
            out.add(new Output.Skipped(r.readingId(), skip));
            out.addAll(alerts(s.inbox.reconcile(arrival, openEpisodes(), s.clockMs, null)));
            return out;
        }

        Point p = Point.of(r);
        List<Integer> paired = s.timeline.insert(p, t);
        int i = s.timeline.indexOf(p);
        s.newestMs = Math.max(s.newestMs, at);

        List<EpisodeEvent> events = new ArrayList<>(arrival);
        events.addAll(replayFrom(i));
        for (int k : paired) {
            out.add(new Output.Metrics(metrics(k)));
        }
        if (p.is(Point.Kind.BIOIMPEDANCE)) {
            SwellingMetrics m = metrics(i);
            if (m.lDexDelta() != null || m.r0Ratio() != null) {
                out.add(new Output.Metrics(m));
            }
        }
        out.addAll(
                alerts(
                        s.inbox.reconcile(
                                events,
                                openEpisodes(),
                                s.clockMs,
                                new AlertInbox.Trigger(at, offset, r.readingId()))));
        s.timeline.prune(s.newestMs - t.retention().toMillis(), t.timing().maxPoints());
        s.inbox.prune(s.newestMs - t.timing().maxLateness().toMillis(), openEpisodes());
        return out;
    }

    /**
     * Time has advanced to {@code now} (event time: the analyzer's clock, the job's watermark or
     * timer). Opens STALE_DATA when the patient has been silent too long and ends due snoozes.
     */
    public List<Output> onTime(Instant now) {
        s.changes++;
        long nowMs = now.toEpochMilli();
        s.clockMs = Math.max(s.clockMs, nowMs);
        List<EpisodeEvent> events = new ArrayList<>();
        Long deadline = staleDeadline();
        if (deadline != null && s.clockMs >= deadline) {
            String slot = staleSlot();
            String id = AlertIds.alertId(patientId(), slot, deadline);
            EpisodeEvent e =
                    new EpisodeEvent(
                            id,
                            slot,
                            AlertType.STALE_DATA,
                            s.profile.limb(),
                            null,
                            AlertState.OPENED,
                            1,
                            deadline,
                            s.lastHeardOffsetSeconds,
                            "SILENT_DAYS",
                            (deadline - s.lastHeardMs) / (double) MS_PER_DAY,
                            staleAfterDays(),
                            AlertMessages.stale(deadline - s.lastHeardMs, s.profile.cadenceDays()),
                            List.of(s.lastHeardReadingId));
            s.arrivalOpen.put(slot, new AlertEpisode(slot, id, deadline, 1, 0, 0, e, e));
            events.add(e);
        }
        List<Output> out = alerts(s.inbox.reconcile(events, openEpisodes(), s.clockMs, null));
        out.addAll(alerts(s.inbox.expireSnoozes(s.clockMs, openEpisodes())));
        return out;
    }

    /** A clinician's ACKNOWLEDGE, SNOOZE or RESOLVE of one of this patient's alerts. */
    public List<Output> onAction(AlertAction action) {
        s.changes++;
        return alerts(s.inbox.act(action));
    }

    /**
     * When {@link #onTime} has something to do next (a STALE_DATA deadline, a snooze ending): the
     * time to register a timer for.
     */
    public Optional<Instant> nextTimer() {
        Long stale = staleDeadline();
        Long snooze = s.inbox.nextSnoozeExpiry();
        if (stale == null && snooze == null) {
            return Optional.empty();
        }
        long next = stale == null ? snooze : snooze == null ? stale : Math.min(stale, snooze);
        return Optional.of(Instant.ofEpochMilli(next));
    }

    /** The alerts open as published, with their acknowledgement, for a triage view. */
    public List<OpenAlert> openAlerts() {
        return s.inbox.openAlerts(patientId());
    }

    /**
     * Where the patient stands now, for the triage board and the patient's app: the latest
     * evaluated volume pair (with its trend) and bioimpedance reading among the readings held, the
     * open alerts, the newest measurement and when the next is due (newest + cadence).
     */
    public PatientStatus status() {
        Profile prof = s.profile;
        Timeline tl = s.timeline;
        int pair = -1;
        int bio = -1;
        for (int i = tl.size() - 1; i >= 0 && (pair < 0 || bio < 0); i--) {
            Point p = tl.get(i);
            if (pair < 0 && p.completesPair()) {
                pair = i;
            } else if (bio < 0 && p.is(Point.Kind.BIOIMPEDANCE)) {
                bio = i;
            }
        }
        SwellingMetrics v = pair < 0 ? null : latestPairMetrics(pair);
        SwellingMetrics b = bio < 0 ? null : metrics(bio);
        List<OpenAlert> open = openAlerts();
        // The newest measurement, not the clock when it arrived: what "hours since the last
        // reading" and "next measurement due" mean to a clinician and a patient.
        boolean heard = s.newestMs != Long.MIN_VALUE;
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(s.lastHeardOffsetSeconds);
        long asOf = s.clockMs == Long.MIN_VALUE ? prof.surgeryDayStartMs() : s.clockMs;
        return new PatientStatus(
                1,
                patientId(),
                prof.limb(),
                prof.atRiskSide(),
                StatusLevel.of(open),
                Instant.ofEpochMilli(asOf).atOffset(zone),
                heard ? Instant.ofEpochMilli(s.newestMs).atOffset(zone) : null,
                heard
                        ? Instant.ofEpochMilli(s.newestMs + prof.cadenceDays() * MS_PER_DAY)
                                .atOffset(zone)
                        : null,
                v == null ? null : v.rvcPct(),
                v == null ? null : v.ilvdMl(),
                v == null ? null : v.ilvdPct(),
                b == null ? null : value(tl.get(bio).lDex()),
                b == null ? null : b.lDexDelta(),
                b == null ? null : b.r0Ratio(),
                v == null ? null : v.trendSlopePctPerWeek(),
                v == null ? null : v.trendCiLowPctPerWeek(),
                v == null ? null : v.trendCiHighPctPerWeek(),
                v == null ? null : v.trendP(),
                open);
    }

    // ---- internals ----

    private void requireSamePatient(String patientId) {
        if (!patientId().equals(patientId)) {
            throw new IllegalArgumentException(
                    "monitor of " + patientId() + " got data of " + patientId);
        }
    }

    /** Re-runs the rules from point {@code from} to the end, recording the machine's changes. */
    private List<EpisodeEvent> replayFrom(int from) {
        Timeline tl = s.timeline;
        tl.dropTransitionsFrom(from);
        AlertStateMachine machine = tl.machineBefore(from);
        AlertRules rules = rules();
        List<EpisodeEvent> events = new ArrayList<>();
        for (int k = from; k < tl.size(); k++) {
            AlertRules.Step step = rules.step(machine, k);
            if (step.after() != machine) {
                tl.record(k, step.after(), step.events());
                machine = step.after();
            }
            events.addAll(step.events());
        }
        return events;
    }

    /** The rule set of this profile and these thresholds, built once rather than per reading. */
    private AlertRules rules() {
        AlertRules r = s.rules;
        if (r == null || !r.isFor(s.profile, t)) {
            r = new AlertRules(s.profile, t, s.timeline);
            s.rules = r;
        }
        return r;
    }

    private Map<String, AlertEpisode> openEpisodes() {
        TreeMap<String, AlertEpisode> open = new TreeMap<>(s.timeline.current().open());
        open.putAll(s.arrivalOpen);
        return open;
    }

    private List<Output> alerts(List<AlertInbox.Stamped> events) {
        List<Output> out = new ArrayList<>(events.size());
        for (AlertInbox.Stamped e : events) {
            out.add(new Output.AlertEvent(e.event().toAlert(patientId(), e.revision())));
        }
        return out;
    }

    private String staleSlot() {
        return AlertIds.slot(AlertType.STALE_DATA, s.profile.limb(), null, null);
    }

    /** How long a patient may be silent before STALE_DATA opens, in days. */
    private double staleAfterDays() {
        Thresholds.Timing timing = t.timing();
        return Math.max(
                s.profile.cadenceDays() * timing.staleCadenceFactor(), timing.staleMinimumDays());
    }

    private Long staleDeadline() {
        if (s.lastHeardMs == Long.MIN_VALUE || s.arrivalOpen.containsKey(staleSlot())) {
            return null;
        }
        return s.lastHeardMs + Math.round(staleAfterDays() * MS_PER_DAY);
    }

    /**
     * Any reading, even one skipped, shows the patient is not silent: silence is measured on the
     * clock at arrival, so a batch of readings arriving late after an outage ends STALE_DATA once.
     */
    private void heardFrom(Reading r, int offset, List<EpisodeEvent> events) {
        s.clockMs = Math.max(s.clockMs, r.instant().toEpochMilli());
        s.lastHeardMs = s.clockMs;
        s.lastHeardOffsetSeconds = offset;
        s.lastHeardReadingId = r.readingId();
        AlertEpisode stale = s.arrivalOpen.remove(staleSlot());
        if (stale != null) {
            events.add(
                    stale.opened()
                            .as(
                                    AlertState.RESOLVED,
                                    s.clockMs,
                                    offset,
                                    AlertMessages.staleResolved(),
                                    List.of(r.readingId())));
        }
    }

    /**
     * Checks the device behind a reading: a clock far off or a limb this patient is not monitored
     * for opens a quality episode (once per device) and skips the reading; a sound reading resolves
     * the device's open problems.
     */
    private Output.Skipped.Reason deviceProblem(
            Reading r, long at, int offset, List<EpisodeEvent> events) {
        String device = r.deviceId();
        Limb limb = s.profile.limb();
        if (r.limb() != null && r.limb() != limb) {
            openDeviceProblem(
                    r,
                    "LIMB:" + device,
                    "LIMB",
                    AlertMessages.otherLimb(device, r.limb(), limb),
                    at,
                    offset,
                    events);
            return Output.Skipped.Reason.OTHER_LIMB;
        }
        long earliest = s.profile.surgeryDayStartMs() - t.quality().clockBeforeSurgery().toMillis();
        if (at < earliest) {
            openDeviceProblem(
                    r,
                    "CLOCK:" + device,
                    "CLOCK",
                    AlertMessages.clock(device, at),
                    at,
                    offset,
                    events);
            return Output.Skipped.Reason.CLOCK_OFF;
        }
        if (s.arrivalOpen.isEmpty()) {
            return null;
        }
        for (String problem : List.of("LIMB:", "CLOCK:")) {
            String slot =
                    AlertIds.slot(AlertType.MEASUREMENT_QUALITY, limb, null, problem + device);
            AlertEpisode ep = s.arrivalOpen.remove(slot);
            if (ep != null) {
                events.add(
                        ep.opened()
                                .as(
                                        AlertState.RESOLVED,
                                        at,
                                        offset,
                                        AlertMessages.deviceResolved(device),
                                        List.of(r.readingId())));
            }
        }
        return null;
    }

    private void openDeviceProblem(
            Reading r,
            String qualifier,
            String metric,
            String message,
            long at,
            int offset,
            List<EpisodeEvent> events) {
        Limb limb = s.profile.limb();
        String slot = AlertIds.slot(AlertType.MEASUREMENT_QUALITY, limb, null, qualifier);
        if (s.arrivalOpen.containsKey(slot)) {
            return;
        }
        String id = AlertIds.alertId(patientId(), slot, at);
        EpisodeEvent e =
                new EpisodeEvent(
                        id,
                        slot,
                        AlertType.MEASUREMENT_QUALITY,
                        limb,
                        null,
                        AlertState.OPENED,
                        1,
                        at,
                        offset,
                        metric,
                        Double.NaN,
                        Double.NaN,
                        message,
                        List.of(r.readingId()));
        s.arrivalOpen.put(slot, new AlertEpisode(slot, id, at, 1, 0, 0, e, e));
        events.add(e);
    }

    /** The newest pair's metrics; its trend fit is cached until the timeline is edited. */
    private SwellingMetrics latestPairMetrics(int i) {
        Point p = s.timeline.get(i);
        MonitorState.StatusMetrics c = s.statusMetrics;
        if (c == null
                || !c.readingId().equals(p.readingId())
                || !c.partnerId().equals(p.partnerId())
                || c.edits() != s.timeline.edits()) {
            c =
                    new MonitorState.StatusMetrics(
                            p.readingId(), p.partnerId(), s.timeline.edits(), metrics(i));
            s.statusMetrics = c;
        }
        return c.metrics();
    }

    /** The metric row of the evaluation completed at point {@code i}. */
    private SwellingMetrics metrics(int i) {
        Point p = s.timeline.get(i);
        Profile prof = s.profile;
        Side side = prof.atRiskSide();
        var at =
                Instant.ofEpochMilli(p.atMs())
                        .atOffset(ZoneOffset.ofTotalSeconds(p.offsetSeconds()));
        if (p.is(Point.Kind.BIOIMPEDANCE)) {
            Evaluation e = Evaluation.ofBioimpedance(p, prof);
            return new SwellingMetrics(
                    patientId(),
                    prof.limb(),
                    side,
                    at,
                    null,
                    null,
                    null,
                    value(e.lDexDelta()),
                    value(e.r0Ratio()),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        Evaluation e = Evaluation.ofPair(p, prof);
        long windowStart = p.atMs() - t.trend().window().toMillis();
        SwellingTrend tr = s.timeline.trend(windowStart, windowStart, i, prof);
        return new SwellingMetrics(
                patientId(),
                prof.limb(),
                side,
                at,
                value(e.rvcPct()),
                e.ilvdMl(),
                e.ilvdPct(),
                null,
                null,
                tr == null ? null : tr.slopePctPerWeek(),
                tr == null ? null : tr.ciLowPctPerWeek(),
                tr == null ? null : tr.ciHighPctPerWeek(),
                tr == null ? null : tr.p(),
                tr == null ? null : tr.n());
    }

    private static Double value(double d) {
        return Double.isNaN(d) ? null : d;
    }
}

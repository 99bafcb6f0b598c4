package org.lymphwatch.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.lymphwatch.analytics.MonitorState;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.PatientMonitor;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.jobs.serde.CodecTypeInfo;
import org.lymphwatch.jobs.serde.MonitorInputCodec;
import org.lymphwatch.jobs.serde.MonitorStateBinary;
import org.lymphwatch.jobs.serde.PatientTimersCodec;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.RejectedReadingJson;

/**
 * One patient's monitor in Flink keyed state: moves readings, patient records, clinicians' actions
 * and event time into the {@link PatientMonitor} kept in state, and its decisions out: InfluxDB
 * points on the main output, Kafka records ({@code alerts}, {@code patient-status}, dead letters)
 * on {@link #KAFKA}, counts on {@link #OUTCOMES}.
 *
 * <p>The monitor de-duplicates readings by readingId over the readings it holds (its retention
 * window; an older re-delivery is too late to change anything), so no separate map of seen ids is
 * kept. A reading of a patient not yet in {@code patients} waits in state, at most {@code waitFor}
 * of event time and {@code maxWaiting} readings, and is then analysed or dead-lettered as
 * UNKNOWN_PATIENT. Time is the watermark: STALE_DATA deadlines and snooze ends are event-time
 * timers. When the input ends (the watermark jumps to its maximum) no silence is inferred beyond
 * the data, and readings still waiting are dead-lettered.
 *
 * <p>The patient's status is published on a processing-time timer, with what it is then, within
 * {@code statusInterval} of a change: a new alert's level, a clinician's action and a patient's
 * daily reading show on the board within a second of their checkpoint. A routine change (only
 * readings or the clock moved the status: last reading, figures, trend, next due date) also waits
 * until {@code routineStatusInterval} has passed since the patient's last publication. A replay or
 * a catch-up after an outage brings each patient many readings seconds apart; a status per reading
 * was a third of the job's cost at 100,000 patients, and now they go out together once a minute. An
 * alert event, a snooze's end or a patient record never waits. {@code patient-status} is compacted
 * and the board reads the last point, so only the latest status matters. Processing-time timers do
 * not fire when a bounded input ends, so every patient keeps an event-time timer, at the end of
 * time if nothing is due earlier, and the end of input publishes what is pending.
 */
public final class MonitorPatients extends KeyedProcessFunction<String, MonitorInput, String> {

    public static final OutputTag<TopicRecord> KAFKA =
            new OutputTag<>("kafka", Types.POJO(TopicRecord.class)) {};
    public static final OutputTag<Outcome> OUTCOMES =
            new OutputTag<>("outcomes", Types.POJO(Outcome.class)) {};

    /** Where the decisions go and how long readings wait for their patient. */
    public record Settings(
            String alertsTopic,
            String statusTopic,
            String rejectedTopic,
            Duration waitFor,
            int maxWaiting,
            Duration statusInterval,
            Duration routineStatusInterval)
            implements java.io.Serializable {}

    private static final String NONE = "NONE";
    private static final Outcome ACCEPTED = new Outcome(Outcome.ACCEPTED, NONE);
    private static final Outcome DUPLICATE = new Outcome(Outcome.DUPLICATE, NONE);

    private final Thresholds thresholds;
    private final Settings settings;

    private transient ValueState<MonitorState> monitors;
    private transient ListState<MonitorInput> waiting;
    private transient ValueState<PatientTimers> timers;
    private transient ReadingPoints readingPoints;
    private transient Counter duplicates;
    private transient Meter readingsPerSecond;
    private transient Map<AlertType, Counter> alertsOpened;
    private transient volatile long lagMs;

    public MonitorPatients(Thresholds thresholds, Settings settings) {
        this.thresholds = thresholds;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        monitors =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "monitor",
                                        new CodecTypeInfo<>(
                                                MonitorState.class,
                                                new MonitorStateBinary(),
                                                false)));
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting-for-patient",
                                        new CodecTypeInfo<>(
                                                MonitorInput.class,
                                                new MonitorInputCodec(),
                                                true)));
        // One state for the timer, the pending status and its fingerprint (three until 11/2026:
        // a savepoint of then restores with these unset, which re-arms a timer and re-publishes
        // a status at worst).
        timers =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "timers",
                                        new CodecTypeInfo<>(
                                                PatientTimers.class,
                                                new PatientTimersCodec(),
                                                true)));
        readingPoints = new ReadingPoints();
        var metrics = getRuntimeContext().getMetricGroup();
        duplicates = metrics.counter("readingsDuplicate");
        readingsPerSecond = metrics.meter("readingsPerSecond", new MeterView(60));
        metrics.gauge("endToEndLagMs", () -> lagMs);
        alertsOpened = new EnumMap<>(AlertType.class);
        for (AlertType type : AlertType.values()) {
            alertsOpened.put(type, metrics.addGroup("type", type.name()).counter("alertsOpened"));
        }
    }

    @Override
    public void processElement(MonitorInput in, Context ctx, Collector<String> out)
            throws Exception {
        MonitorState state = monitors.value();
        PatientMonitor monitor = state == null ? null : PatientMonitor.resume(state, thresholds);
        // A patient record or an action changes what the board shows at once; a reading is
        // routine unless it moved an alert.
        boolean routine = false;
        if (in.patient() != null) {
            if (monitor == null) {
                monitor = new PatientMonitor(in.patient(), thresholds);
            } else {
                emit(monitor.onPatient(in.patient()), ctx, out);
            }
            for (MonitorInput w : waiting.get()) {
                analyse(monitor, w, ctx, out);
            }
            waiting.clear();
        } else if (in.action() != null) {
            if (monitor == null) {
                // Only alerts this job published can be acted on: counted, never applied.
                ctx.output(OUTCOMES, new Outcome(Outcome.ACTION, "UNKNOWN_PATIENT"));
                return;
            }
            ctx.output(OUTCOMES, new Outcome(Outcome.ACTION, in.action().action().name()));
            emit(monitor.onAction(in.action()), ctx, out);
        } else if (monitor == null) {
            await(in, ctx);
        } else {
            routine = !analyse(monitor, in, ctx, out);
        }
        if (monitor != null) {
            after(monitor, routine, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out)
            throws Exception {
        PatientTimers t = timers();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            setTimers(
                    publishStatus(
                            PatientMonitor.resume(monitors.value(), thresholds),
                            t.withStatusDue(null),
                            ctx,
                            out));
            return;
        }
        // The timer that fired is gone.
        t = t.withEventTimer(null);
        long watermark = ctx.timerService().currentWatermark();
        boolean endOfInput = watermark == Long.MAX_VALUE;
        MonitorState state = monitors.value();
        if (state == null) {
            // Only readings of a patient not yet known wait.
            rejectWaiting(endOfInput ? Long.MAX_VALUE : watermark, ctx);
            if (!endOfInput) {
                t = schedule(waitingDeadline(), t, ctx);
            }
            setTimers(t);
            return;
        }
        PatientMonitor monitor = PatientMonitor.resume(state, thresholds);
        // Nothing is scheduled at the end of input: a timer set now would fire in this same pass.
        if (endOfInput) {
            if (t.statusDue() != null) {
                ctx.timerService().deleteProcessingTimeTimer(t.statusDue());
                t = publishStatus(monitor, t.withStatusDue(null), ctx, out);
            }
            setTimers(t);
            return;
        }
        // Timers are left in place when a deadline moves later (see schedule): one that fires
        // early has nothing to do but move on, as the offline analyzer's timers do.
        Instant next = monitor.nextTimer().orElse(null);
        if (next != null && next.toEpochMilli() <= watermark) {
            emit(monitor.onTime(Instant.ofEpochMilli(watermark)), ctx, out);
            monitors.update(monitor.state());
            // A deadline passed: STALE_DATA opened or a snooze ended (which may publish no
            // event, yet the board shows the snooze), so the status is due as for an alert.
            t = statusChanged(monitor, t, false, ctx, out);
            next = monitor.nextTimer().orElse(null);
        }
        setTimers(schedule(next, t, ctx));
    }

    /**
     * The reading into the monitor, on the current event-time clock; the reading to the store. True
     * if an alert event was emitted.
     */
    private boolean analyse(
            PatientMonitor monitor, MonitorInput in, Context ctx, Collector<String> out) {
        long watermark = ctx.timerService().currentWatermark();
        boolean alertsChanged = false;
        if (watermark != Long.MIN_VALUE && watermark != Long.MAX_VALUE) {
            alertsChanged = emit(monitor.onTime(Instant.ofEpochMilli(watermark)), ctx, out);
        }
        Reading r = in.reading();
        List<Output> outputs = monitor.onReading(r);
        lagMs = Math.max(0, System.currentTimeMillis() - in.receivedAtMs());
        boolean duplicate =
                !outputs.isEmpty()
                        && outputs.get(0) instanceof Output.Skipped s
                        && s.reason() == Output.Skipped.Reason.DUPLICATE;
        if (duplicate) {
            duplicates.inc();
            ctx.output(OUTCOMES, DUPLICATE);
            return alertsChanged;
        }
        readingsPerSecond.markEvent();
        ctx.output(OUTCOMES, ACCEPTED);
        out.collect(readingPoints.toLineProtocol(r));
        return emit(outputs, ctx, out) || alertsChanged;
    }

    /** The monitor's outputs to the store and Kafka; true if there was an alert event. */
    private boolean emit(List<Output> outputs, Context ctx, Collector<String> out) {
        boolean alertEvent = false;
        for (Output o : outputs) {
            if (o instanceof Output.AlertEvent e) {
                alertEvent = true;
                Alert a = e.alert();
                ctx.output(
                        KAFKA,
                        new TopicRecord(settings.alertsTopic(), a.patientId(), AlertJson.write(a)));
                out.collect(MonitorPoints.alert(a));
                if (a.state() == AlertState.OPENED) {
                    alertsOpened.get(a.type()).inc();
                    ctx.output(OUTCOMES, new Outcome(Outcome.ALERT, a.type().name()));
                }
            } else if (o instanceof Output.Metrics m) {
                out.collect(MonitorPoints.swelling(m.metrics()));
            } else if (o instanceof Output.Skipped s) {
                ctx.output(OUTCOMES, new Outcome(Outcome.SKIPPED, s.reason().name()));
            }
        }
        return alertEvent;
    }

    /** Keeps the state, notes that the status may have changed, and sets the next timer. */
    private void after(PatientMonitor monitor, boolean routine, Context ctx, Collector<String> out)
            throws Exception {
        monitors.update(monitor.state());
        PatientTimers before = timers();
        PatientTimers t = statusChanged(monitor, before, routine, ctx, out);
        t = schedule(monitor.nextTimer().orElse(null), t, ctx);
        if (t != before) {
            setTimers(t);
        }
    }

    private PatientTimers timers() throws Exception {
        PatientTimers t = timers.value();
        return t == null ? PatientTimers.NONE : t;
    }

    private void setTimers(PatientTimers t) throws Exception {
        if (t.equals(PatientTimers.NONE)) {
            timers.clear();
        } else {
            timers.update(t);
        }
    }

    /**
     * Publishes now, or makes the status due: within {@code statusInterval}, and for a routine
     * change not before {@code routineStatusInterval} has passed since the last publication. A
     * patient measuring daily sees each reading within a second; readings seconds apart, as in a
     * catch-up, go out together once a minute. A publication already pending stays unless this
     * change needs it sooner: an alert after routine changes brings it forward.
     */
    private PatientTimers statusChanged(
            PatientMonitor monitor,
            PatientTimers t,
            boolean routine,
            Context ctx,
            Collector<String> out) {
        long now = ctx.timerService().currentProcessingTime();
        long due = now + settings.statusInterval().toMillis();
        if (routine && t.publishedAt() != null) {
            due = Math.max(due, t.publishedAt() + settings.routineStatusInterval().toMillis());
        }
        if (due <= now) {
            return publishStatus(monitor, t, ctx, out);
        }
        Long pending = t.statusDue();
        if (pending != null && pending <= due) {
            return t;
        }
        if (pending != null) {
            ctx.timerService().deleteProcessingTimeTimer(pending);
        }
        ctx.timerService().registerProcessingTimeTimer(due);
        return t.withStatusDue(due);
    }

    /** The patient's status to Kafka and the store, unless only its clock moved on. */
    private PatientTimers publishStatus(
            PatientMonitor monitor, PatientTimers t, Context ctx, Collector<String> out) {
        PatientStatus status = monitor.status();
        int fingerprint = withoutAsOf(status).hashCode();
        if (t.statusFingerprint() != null && t.statusFingerprint() == fingerprint) {
            return t;
        }
        ctx.output(
                KAFKA,
                new TopicRecord(
                        settings.statusTopic(),
                        status.patientId(),
                        PatientStatusJson.write(status)));
        out.collect(MonitorPoints.status(status));
        return t.withPublished(fingerprint, ctx.timerService().currentProcessingTime());
    }

    /** Status changes are what matters; the clock alone moving on is not news. */
    private static PatientStatus withoutAsOf(PatientStatus s) {
        return new PatientStatus(
                s.schema(),
                s.patientId(),
                s.limb(),
                s.atRiskSide(),
                s.level(),
                null,
                s.lastReadingAt(),
                s.measurementDueAt(),
                s.rvcPct(),
                s.ilvdMl(),
                s.ilvdPct(),
                s.lDex(),
                s.lDexDelta(),
                s.r0Ratio(),
                s.trendSlopePctPerWeek(),
                s.trendCiLowPctPerWeek(),
                s.trendCiHighPctPerWeek(),
                s.trendP(),
                s.openAlerts());
    }

    /** A reading of a patient not (yet) known: waits, bounded in count and in event time. */
    private void await(MonitorInput in, Context ctx) throws Exception {
        List<MonitorInput> held = new ArrayList<>();
        waiting.get().forEach(held::add);
        if (held.size() >= settings.maxWaiting()) {
            reject(held.remove(0), "more than " + settings.maxWaiting() + " readings waited", ctx);
            waiting.update(held);
        }
        waiting.add(in);
        PatientTimers t = timers();
        setTimers(schedule(waitingDeadline(), t, ctx));
    }

    /** When the first of the waiting readings has waited long enough; null if none waits. */
    private Instant waitingDeadline() throws Exception {
        long at = Long.MAX_VALUE;
        for (MonitorInput w : waiting.get()) {
            at = Math.min(at, waitDeadline(w));
        }
        return at == Long.MAX_VALUE ? null : Instant.ofEpochMilli(at);
    }

    private void rejectWaiting(long watermark, Context ctx) throws Exception {
        List<MonitorInput> kept = new ArrayList<>();
        boolean changed = false;
        for (MonitorInput w : waiting.get()) {
            if (waitDeadline(w) <= watermark) {
                reject(w, "no patient record within " + settings.waitFor(), ctx);
                changed = true;
            } else {
                kept.add(w);
            }
        }
        if (changed) {
            waiting.update(kept);
        }
    }

    /** Waiting is measured from the reading's event time, or from the clock if that is later. */
    private long waitDeadline(MonitorInput w) {
        return Math.max(w.reading().instant().toEpochMilli(), w.receivedAtMs())
                + settings.waitFor().toMillis();
    }

    private void reject(MonitorInput w, String why, Context ctx) {
        Reading r = w.reading();
        byte[] json = ReadingJson.write(r).getBytes(StandardCharsets.UTF_8);
        int n = Math.min(json.length, RejectedReading.RAW_LIMIT);
        RejectedReading dead =
                new RejectedReading(
                        RejectReason.UNKNOWN_PATIENT,
                        "patient " + r.patientId() + " is not in the patient registry: " + why,
                        new String(json, 0, n, StandardCharsets.UTF_8),
                        Instant.ofEpochMilli(w.receivedAtMs()));
        ctx.output(
                KAFKA,
                new TopicRecord(
                        settings.rejectedTopic(), r.patientId(), RejectedReadingJson.write(dead)));
        ctx.output(OUTCOMES, new Outcome(Outcome.REJECTED, RejectReason.UNKNOWN_PATIENT.name()));
    }

    /**
     * One event-time timer per patient: the monitor's next deadline or, before the patient is
     * known, the waiting readings' ({@link #waitingDeadline}); else the end of time, so that the
     * end of a bounded input reaches every patient. A timer is moved only when the deadline comes
     * earlier: a STALE_DATA deadline moves later with every reading, and deleting and registering a
     * timer per reading cost more than letting it fire early.
     */
    private PatientTimers schedule(Instant next, PatientTimers t, Context ctx) {
        long at = next == null ? Long.MAX_VALUE : next.toEpochMilli();
        // A deadline the clock has passed was handled by onTime; never re-arm it.
        if (at <= ctx.timerService().currentWatermark()) {
            at = Long.MAX_VALUE;
        }
        Long current = t.eventTimer();
        if (current != null && current <= at) {
            return t;
        }
        if (current != null) {
            ctx.timerService().deleteEventTimeTimer(current);
        }
        ctx.timerService().registerEventTimeTimer(at);
        return t.withEventTimer(at);
    }
}

package org.lymphwatch.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * Builds clinical cases: one patient whose left arm is at risk, surgery on 2026-01-10, readings
 * taken at 08:00 (+01:00) on a given day after surgery. With the default baseline (left 2400 mL,
 * right 2480 mL) and the right arm unchanged, {@link #rvcPair} makes the RVC exactly the figure
 * asked for.
 */
final class Cases {

    static final LocalDate SURGERY = LocalDate.of(2026, 1, 10);
    static final Baseline BASELINE = new Baseline(2400.0, 2480.0, 0.0);
    static final double BASE_AT_RISK = 2400;
    static final double BASE_UNAFFECTED = 2480;
    static final ZoneOffset CET = ZoneOffset.ofHours(1);

    private Cases() {}

    static Patient patient(String id, Baseline baseline) {
        return new Patient(1, id, Limb.ARM, Side.LEFT, Side.RIGHT, SURGERY, 1, baseline);
    }

    static Patient patient(String id) {
        return patient(id, BASELINE);
    }

    /** 08:00 local time on the given day after surgery (fractions of a day move it). */
    static OffsetDateTime day(double d) {
        return SURGERY.atTime(8, 0)
                .atOffset(CET)
                .plusSeconds(Math.round(d * 86_400))
                .withOffsetSameInstant(CET);
    }

    static String tag(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    static Reading volume(String id, String patientId, OffsetDateTime at, Side side, double ml) {
        return Reading.limbVolume(
                id, patientId, "perometer-1", at, Limb.ARM, side, ml, VolumeMethod.PEROMETER);
    }

    /** Both arms, the unaffected one five minutes after the at-risk one. */
    static List<Reading> pair(String patientId, double d, double atRiskMl, double unaffectedMl) {
        return List.of(
                volume(
                        "v-" + patientId + "-" + tag(d) + "-L",
                        patientId,
                        day(d),
                        Side.LEFT,
                        atRiskMl),
                volume(
                        "v-" + patientId + "-" + tag(d) + "-R",
                        patientId,
                        day(d).plusMinutes(5),
                        Side.RIGHT,
                        unaffectedMl));
    }

    /** A pair whose RVC against {@link #BASELINE} is {@code rvcPct}. */
    static List<Reading> rvcPair(String patientId, double d, double rvcPct) {
        return pair(patientId, d, BASE_AT_RISK * (1 + rvcPct / 100), BASE_UNAFFECTED);
    }

    /** Daily pairs from day {@code from} to {@code to} (included), all at {@code rvcPct}. */
    static List<Reading> rvcDays(String patientId, int from, int to, double rvcPct) {
        List<Reading> r = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            r.addAll(rvcPair(patientId, d, rvcPct));
        }
        return r;
    }

    static Reading lDex(String patientId, double d, double lDex) {
        return Reading.bioimpedance(
                "b-" + patientId + "-" + tag(d),
                patientId,
                "sozo-1",
                day(d),
                Limb.ARM,
                lDex,
                null,
                null);
    }

    static Reading context(String patientId, double d, PatientContext c) {
        return Reading.context("c-" + patientId + "-" + tag(d), patientId, "app-1", day(d), c);
    }

    static PatientContext fever() {
        return new PatientContext(null, null, true, true, null);
    }

    static PatientContext massage() {
        return new PatientContext(true, null, null, null, null);
    }

    /** A nurse acknowledging an alert of patient p-1 on day 700. */
    static AlertAction acknowledge(String alertId) {
        return new AlertAction(
                1, "p-1", alertId, AlertAction.Kind.ACKNOWLEDGE, null, "nurse-7", day(700));
    }

    static List<Output> feed(PatientMonitor m, List<Reading> readings) {
        List<Output> out = new ArrayList<>();
        for (Reading r : readings) {
            out.addAll(m.onReading(r));
        }
        return out;
    }

    static List<Alert> alerts(List<Output> outputs) {
        List<Alert> a = new ArrayList<>();
        for (Output o : outputs) {
            if (o instanceof Output.AlertEvent e) {
                a.add(e.alert());
            }
        }
        return a;
    }

    static List<SwellingMetrics> metrics(List<Output> outputs) {
        List<SwellingMetrics> m = new ArrayList<>();
        for (Output o : outputs) {
            if (o instanceof Output.Metrics e) {
                m.add(e.metrics());
            }
        }
        return m;
    }

    static List<Alert> of(List<Alert> alerts, AlertType type, AlertState state) {
        return alerts.stream().filter(a -> a.type() == type && a.state() == state).toList();
    }

    /** "TYPE STATE day" per alert, for assertions that read like a timeline. */
    static List<String> timeline(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.type() + " " + a.state() + " day " + dayOf(a.at()))
                .toList();
    }

    /** Whole days after surgery (the five minutes between the two arms do not count). */
    static long dayOf(OffsetDateTime at) {
        return Math.floorDiv(
                at.toInstant().toEpochMilli() - day(0).toInstant().toEpochMilli(), 86_400_000L);
    }
}

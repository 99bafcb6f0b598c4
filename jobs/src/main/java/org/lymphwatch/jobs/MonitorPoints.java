package org.lymphwatch.jobs;

import java.time.Instant;
import java.util.stream.Collectors;
import org.lymphwatch.analytics.SwellingMetrics;
import org.lymphwatch.jobs.influx.MeasurementPoint;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.store.Measurements;

/**
 * The monitor's decisions as InfluxDB points (docs/store.md): metric rows to {@code swelling},
 * alert events to {@code alert}, patient status to {@code patient_status}, counts to {@code
 * pipeline}. Point time is event time, so a replay or a recovery rewrites the same points.
 */
public final class MonitorPoints {

    private MonitorPoints() {}

    public static String swelling(SwellingMetrics m) {
        MeasurementPoint p =
                MeasurementPoint.of(Measurements.SWELLING, m.at().toInstant())
                        .tag("limb", m.limb().name())
                        .tag("patient", m.patientId())
                        .tag("side", m.side().name());
        field(p, "rvc_pct", m.rvcPct());
        field(p, "ilvd_ml", m.ilvdMl());
        field(p, "ilvd_pct", m.ilvdPct());
        field(p, "ldex_delta", m.lDexDelta());
        field(p, "r0_ratio", m.r0Ratio());
        field(p, "trend_slope_pct_per_week", m.trendSlopePctPerWeek());
        field(p, "trend_ci_low_pct_per_week", m.trendCiLowPctPerWeek());
        field(p, "trend_ci_high_pct_per_week", m.trendCiHighPctPerWeek());
        field(p, "trend_p", m.trendP());
        if (m.trendN() != null) {
            p.field("trend_n", m.trendN().longValue());
        }
        return p.toLineProtocol();
    }

    public static String alert(Alert a) {
        MeasurementPoint p =
                MeasurementPoint.of(Measurements.ALERT, a.at().toInstant())
                        .tag("patient", a.patientId())
                        .tag("type", a.type().name())
                        .tag("alert_id", a.alertId())
                        .tag("revision", Integer.toString(a.revision()));
        if (a.limb() != null) {
            p.tag("limb", a.limb().name());
        }
        if (a.side() != null) {
            p.tag("side", a.side().name());
        }
        p.field("state", a.state().name()).field("message", a.message());
        if (a.metric() != null) {
            p.field("metric", a.metric());
        }
        field(p, "value", a.value());
        field(p, "threshold", a.threshold());
        return p.toLineProtocol();
    }

    public static String status(PatientStatus s) {
        MeasurementPoint p =
                MeasurementPoint.of(Measurements.PATIENT_STATUS, s.asOf().toInstant())
                        .tag("patient", s.patientId())
                        .field("limb", s.limb().name())
                        .field("at_risk_side", s.atRiskSide().name())
                        .field("level", s.level().name())
                        .field("level_rank", s.level().ordinal())
                        .field("open_alerts", s.openAlerts().size())
                        .field(
                                "unacknowledged_alerts",
                                s.openAlerts().stream().filter(a -> !a.acknowledged()).count())
                        .field(
                                "open_alert_types",
                                s.openAlerts().stream()
                                        .map(a -> a.alert().type().name())
                                        .distinct()
                                        .sorted()
                                        .collect(Collectors.joining(",")));
        field(p, "rvc_pct", s.rvcPct());
        field(p, "ilvd_ml", s.ilvdMl());
        field(p, "ilvd_pct", s.ilvdPct());
        field(p, "ldex", s.lDex());
        field(p, "ldex_delta", s.lDexDelta());
        field(p, "r0_ratio", s.r0Ratio());
        field(p, "trend_slope_pct_per_week", s.trendSlopePctPerWeek());
        field(p, "trend_ci_low_pct_per_week", s.trendCiLowPctPerWeek());
        field(p, "trend_ci_high_pct_per_week", s.trendCiHighPctPerWeek());
        field(p, "trend_p", s.trendP());
        if (s.lastReadingAt() != null) {
            p.field("last_reading_ms", s.lastReadingAt().toInstant().toEpochMilli());
        }
        if (s.measurementDueAt() != null) {
            p.field("measurement_due_ms", s.measurementDueAt().toInstant().toEpochMilli());
        }
        return p.toLineProtocol();
    }

    public static String pipeline(String job, Outcome outcome, Instant minute, long count) {
        return MeasurementPoint.of(Measurements.PIPELINE, minute)
                .tag("job", job)
                .tag("outcome", outcome.outcome())
                .tag("reason", outcome.reason())
                .field("count", count)
                .toLineProtocol();
    }

    private static void field(MeasurementPoint p, String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            p.field(name, value);
        }
    }
}

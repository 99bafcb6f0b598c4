package org.lymphwatch.model.store;

import static org.lymphwatch.model.store.FieldType.BOOLEAN;
import static org.lymphwatch.model.store.FieldType.DOUBLE;
import static org.lymphwatch.model.store.FieldType.LONG;
import static org.lymphwatch.model.store.FieldType.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The InfluxDB measurements lymphwatch writes and the dashboards read: the store's contract. The
 * embedded store creates its tables from this list and the sink writes points through it, so the
 * two cannot drift apart.
 */
public final class Measurements {

    private Measurements() {}

    /** Limb volumes: measured by a device or derived from tape circumferences (method TAPE). */
    public static final Measurement LIMB_VOLUME =
            new Measurement(
                    "limb_volume",
                    List.of("patient", "limb", "side", "method", "device"),
                    fields("volume_ml", DOUBLE, "reading_id", STRING));

    /** Bioimpedance spectroscopy: L-Dex and R0 per limb; r0_ratio = R0(unaffected)/R0(at risk). */
    public static final Measurement BIOIMPEDANCE =
            new Measurement(
                    "bioimpedance",
                    List.of("patient", "limb", "device"),
                    fields(
                            "ldex", DOUBLE,
                            "r0_at_risk_ohm", DOUBLE,
                            "r0_unaffected_ohm", DOUBLE,
                            "r0_ratio", DOUBLE,
                            "reading_id", STRING));

    /** What patients reported: massage sessions, compression, fever, redness, pain. */
    public static final Measurement PATIENT_CONTEXT =
            new Measurement(
                    "patient_context",
                    List.of("patient", "device"),
                    fields(
                            "massage_session", BOOLEAN,
                            "compression_worn", BOOLEAN,
                            "fever", BOOLEAN,
                            "redness", BOOLEAN,
                            "pain", BOOLEAN,
                            "reading_id", STRING));

    /** Swelling metrics and rolling trend per evaluated reading (metrics.jsonl in snake_case). */
    public static final Measurement SWELLING =
            new Measurement(
                    "swelling",
                    List.of("patient", "limb", "side"),
                    fields(
                            "rvc_pct", DOUBLE,
                            "ilvd_ml", DOUBLE,
                            "ilvd_pct", DOUBLE,
                            "ldex_delta", DOUBLE,
                            "r0_ratio", DOUBLE,
                            "trend_slope_pct_per_week", DOUBLE,
                            "trend_ci_low_pct_per_week", DOUBLE,
                            "trend_ci_high_pct_per_week", DOUBLE,
                            "trend_p", DOUBLE,
                            "trend_n", LONG));

    /**
     * Alert events, one point per event: alert_id links the events of one episode and revision
     * numbers them, so both are tags (an episode's OPENED and ESCALATED can share a time).
     */
    public static final Measurement ALERT =
            new Measurement(
                    "alert",
                    List.of("patient", "type", "limb", "side", "alert_id", "revision"),
                    fields(
                            "state", STRING,
                            "metric", STRING,
                            "value", DOUBLE,
                            "threshold", DOUBLE,
                            "message", STRING));

    /**
     * {@link org.lymphwatch.model.PatientStatus} as a point per change, for the triage board (take
     * the last point per patient). level_rank orders levels, 0 = URGENT ... 5 = OK; the times are
     * epoch milliseconds so a dashboard can compute hours since the last reading.
     */
    public static final Measurement PATIENT_STATUS =
            new Measurement(
                    "patient_status",
                    List.of("patient"),
                    fields(
                            "limb", STRING,
                            "at_risk_side", STRING,
                            "level", STRING,
                            "level_rank", LONG,
                            "open_alerts", LONG,
                            "unacknowledged_alerts", LONG,
                            "open_alert_types", STRING,
                            "rvc_pct", DOUBLE,
                            "ilvd_ml", DOUBLE,
                            "ilvd_pct", DOUBLE,
                            "ldex", DOUBLE,
                            "ldex_delta", DOUBLE,
                            "r0_ratio", DOUBLE,
                            "trend_slope_pct_per_week", DOUBLE,
                            "trend_ci_low_pct_per_week", DOUBLE,
                            "trend_ci_high_pct_per_week", DOUBLE,
                            "trend_p", DOUBLE,
                            "last_reading_ms", LONG,
                            "measurement_due_ms", LONG));

    /**
     * Pipeline health, counts per minute of processing time: outcome ACCEPTED, REJECTED (reason =
     * reject reason), DUPLICATE, SKIPPED (reason = why the monitor did not analyse it), ALERT
     * (reason = alert type, OPENED events only).
     */
    public static final Measurement PIPELINE =
            new Measurement("pipeline", List.of("job", "outcome", "reason"), fields("count", LONG));

    public static final List<Measurement> ALL =
            List.of(
                    LIMB_VOLUME,
                    BIOIMPEDANCE,
                    PATIENT_CONTEXT,
                    SWELLING,
                    ALERT,
                    PATIENT_STATUS,
                    PIPELINE);

    private static Map<String, FieldType> fields(Object... nameTypePairs) {
        Map<String, FieldType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            m.put((String) nameTypePairs[i], (FieldType) nameTypePairs[i + 1]);
        }
        return m;
    }
}

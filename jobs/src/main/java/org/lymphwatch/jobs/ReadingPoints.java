package org.lymphwatch.jobs;

import org.lymphwatch.jobs.influx.MeasurementPoint;
import org.lymphwatch.jobs.influx.PointConverter;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.store.Measurements;

/**
 * A validated reading as an InfluxDB point: volumes (measured or from tape) to {@code limb_volume},
 * bioimpedance to {@code bioimpedance}, patient reports to {@code patient_context}. The point time
 * is the measurement time, so a re-sent reading overwrites its own point. Tags are set in name
 * order, the order they are written in.
 */
public final class ReadingPoints implements PointConverter<Reading> {

    @Override
    public String toLineProtocol(Reading r) {
        return switch (r.kind()) {
            case LIMB_VOLUME, CIRCUMFERENCES ->
                    MeasurementPoint.of(Measurements.LIMB_VOLUME, r.instant())
                            .tag("device", r.deviceId())
                            .tag("limb", r.limb().name())
                            .tag("method", r.method().name())
                            .tag("patient", r.patientId())
                            .tag("side", r.side().name())
                            .field("volume_ml", r.volumeMl())
                            .field("reading_id", r.readingId())
                            .toLineProtocol();
            case BIOIMPEDANCE -> {
                MeasurementPoint p =
                        MeasurementPoint.of(Measurements.BIOIMPEDANCE, r.instant())
                                .tag("device", r.deviceId())
                                .tag("limb", r.limb().name())
                                .tag("patient", r.patientId())
                                .field("reading_id", r.readingId());
                if (r.lDex() != null) {
                    p.field("ldex", r.lDex());
                }
                if (r.r0Ratio() != null) {
                    p.field("r0_at_risk_ohm", r.r0AtRiskOhm())
                            .field("r0_unaffected_ohm", r.r0UnaffectedOhm())
                            .field("r0_ratio", r.r0Ratio());
                }
                yield p.toLineProtocol();
            }
            case CONTEXT -> {
                PatientContext c = r.context();
                MeasurementPoint p =
                        MeasurementPoint.of(Measurements.PATIENT_CONTEXT, r.instant())
                                .tag("device", r.deviceId())
                                .tag("patient", r.patientId())
                                .field("reading_id", r.readingId());
                flag(p, "massage_session", c.massageSession());
                flag(p, "compression_worn", c.compressionWorn());
                flag(p, "fever", c.fever());
                flag(p, "redness", c.redness());
                flag(p, "pain", c.pain());
                yield p.toLineProtocol();
            }
        };
    }

    private static void flag(MeasurementPoint p, String field, Boolean value) {
        if (value != null) {
            p.field(field, value.booleanValue());
        }
    }
}

package org.lymphwatch.simulators;

import java.time.OffsetDateTime;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * Builds contract readings the way the validator will read them back, so a simulated reading equals
 * what the pipeline accepts (circumferences carry their truncated-cone volume, as the validator
 * fills it in).
 */
final class Readings {

    private Readings() {}

    static Reading limbVolume(
            String id,
            String patientId,
            String deviceId,
            OffsetDateTime at,
            Limb limb,
            Side side,
            double ml) {
        return Reading.limbVolume(
                id, patientId, deviceId, at, limb, side, ml, VolumeMethod.PEROMETER);
    }

    static Reading circumferences(
            String id,
            String patientId,
            String deviceId,
            OffsetDateTime at,
            Limb limb,
            Side side,
            double intervalCm,
            double[] cm) {
        return Reading.circumferences(id, patientId, deviceId, at, limb, side, intervalCm, cm);
    }

    static Reading bioimpedance(
            String id,
            String patientId,
            String deviceId,
            OffsetDateTime at,
            Limb limb,
            double lDex,
            double r0AtRiskOhm,
            double r0UnaffectedOhm) {
        return Reading.bioimpedance(
                id, patientId, deviceId, at, limb, lDex, r0AtRiskOhm, r0UnaffectedOhm);
    }

    static Reading context(
            String id,
            String patientId,
            String deviceId,
            OffsetDateTime at,
            PatientContext context) {
        return Reading.context(id, patientId, deviceId, at, context);
    }

    static Reading withMeasuredAt(Reading r, OffsetDateTime at) {
        return new Reading(
                r.schema(),
                r.readingId(),
                r.patientId(),
                r.deviceId(),
                at,
                r.kind(),
                r.limb(),
                r.side(),
                r.volumeMl(),
                r.method(),
                r.intervalCm(),
                r.circumferencesCm(),
                r.lDex(),
                r.r0AtRiskOhm(),
                r.r0UnaffectedOhm(),
                r.context());
    }

    static Reading withSide(Reading r, Side side) {
        return new Reading(
                r.schema(),
                r.readingId(),
                r.patientId(),
                r.deviceId(),
                r.measuredAt(),
                r.kind(),
                r.limb(),
                side,
                r.volumeMl(),
                r.method(),
                r.intervalCm(),
                r.circumferencesCm(),
                r.lDex(),
                r.r0AtRiskOhm(),
                r.r0UnaffectedOhm(),
                r.context());
    }

    /** Devices report one decimal; rounding also keeps the JSON short. */
    static double tenths(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

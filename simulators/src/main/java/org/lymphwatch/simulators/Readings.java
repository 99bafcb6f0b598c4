package org.lymphwatch.simulators;

import java.time.OffsetDateTime;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.TruncatedCone;
import org.lymphwatch.model.VolumeMethod;

/**
 * Builds contract readings the way the validator will read them back, so a simulated reading equals
 * what the pipeline accepts (circumferences carry their truncated-cone volume, as the validator
 * fills it in).
 */
final class Readings {

    private Readings() {}

    static Reading limbVolume(
            String id, String patientId, String deviceId, OffsetDateTime at, Side side, double ml) {
        return new Reading(
                Reading.SCHEMA,
                id,
                patientId,
                deviceId,
                at,
                ReadingKind.LIMB_VOLUME,
                Limb.ARM,
                side,
                ml,
                VolumeMethod.PEROMETER,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static Reading circumferences(
            String id,
            String patientId,
            String deviceId,
            OffsetDateTime at,
            Side side,
            double intervalCm,
            double[] cm) {
        return new Reading(
                Reading.SCHEMA,
                id,
                patientId,
                deviceId,
                at,
                ReadingKind.CIRCUMFERENCES,
                Limb.ARM,
                side,
                TruncatedCone.volumeMl(intervalCm, cm),
                VolumeMethod.TAPE,
                intervalCm,
                cm,
                null,
                null,
                null,
                null);
    }

    static Reading bioimpedance(
            String id,
            String patientId,
            String deviceId,
            OffsetDateTime at,
            double lDex,
            double r0AtRiskOhm,
            double r0UnaffectedOhm) {
        return new Reading(
                Reading.SCHEMA,
                id,
                patientId,
                deviceId,
                at,
                ReadingKind.BIOIMPEDANCE,
                Limb.ARM,
                null,
                null,
                null,
                null,
                null,
                lDex,
                r0AtRiskOhm,
                r0UnaffectedOhm,
                null);
    }

    static Reading context(
            String id,
            String patientId,
            String deviceId,
            OffsetDateTime at,
            PatientContext context) {
        return new Reading(
                Reading.SCHEMA,
                id,
                patientId,
                deviceId,
                at,
                ReadingKind.CONTEXT,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                context);
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

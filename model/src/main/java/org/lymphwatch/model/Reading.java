package org.lymphwatch.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One validated message from a home device (DESIGN section 3, topic {@code readings}).
 *
 * <p>Flat rather than one type per kind so that it maps one to one onto the JSON contract and
 * travels through Flink as a plain record. Which fields are set depends on {@link #kind()}; {@link
 * ReadingValidator} guarantees it, so consumers may rely on e.g. {@link #volumeMl()} for a
 * LIMB_VOLUME reading. For CIRCUMFERENCES the validator fills {@code volumeMl} with the
 * truncated-cone volume and {@code method} with {@link VolumeMethod#TAPE}.
 */
public record Reading(
        int schema,
        String readingId,
        String patientId,
        String deviceId,
        OffsetDateTime measuredAt,
        ReadingKind kind,
        Limb limb,
        Side side,
        Double volumeMl,
        VolumeMethod method,
        Double intervalCm,
        double[] circumferencesCm,
        Double lDex,
        Double r0AtRiskOhm,
        Double r0UnaffectedOhm,
        PatientContext context)
        implements java.io.Serializable {

    public static final int SCHEMA = 1;

    public Reading {
        Objects.requireNonNull(readingId, "readingId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(kind, "kind");
    }

    /** A limb volume measured by a device. */
    public static Reading limbVolume(
            String readingId,
            String patientId,
            String deviceId,
            OffsetDateTime measuredAt,
            Limb limb,
            Side side,
            double volumeMl,
            VolumeMethod method) {
        return new Reading(
                SCHEMA,
                readingId,
                patientId,
                deviceId,
                measuredAt,
                ReadingKind.LIMB_VOLUME,
                limb,
                side,
                volumeMl,
                method,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Tape circumferences, distal to proximal, with their truncated-cone volume filled in. */
    public static Reading circumferences(
            String readingId,
            String patientId,
            String deviceId,
            OffsetDateTime measuredAt,
            Limb limb,
            Side side,
            double intervalCm,
            double[] circumferencesCm) {
        return new Reading(
                SCHEMA,
                readingId,
                patientId,
                deviceId,
                measuredAt,
                ReadingKind.CIRCUMFERENCES,
                limb,
                side,
                TruncatedCone.volumeMl(intervalCm, circumferencesCm),
                VolumeMethod.TAPE,
                intervalCm,
                circumferencesCm,
                null,
                null,
                null,
                null);
    }

    /** Bioimpedance: L-Dex and/or the R0 pair (either may be null, not both). */
    public static Reading bioimpedance(
            String readingId,
            String patientId,
            String deviceId,
            OffsetDateTime measuredAt,
            Limb limb,
            Double lDex,
            Double r0AtRiskOhm,
            Double r0UnaffectedOhm) {
        return new Reading(
                SCHEMA,
                readingId,
                patientId,
                deviceId,
                measuredAt,
                ReadingKind.BIOIMPEDANCE,
                limb,
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

    /** What the patient reported. */
    public static Reading context(
            String readingId,
            String patientId,
            String deviceId,
            OffsetDateTime measuredAt,
            PatientContext context) {
        return new Reading(
                SCHEMA,
                readingId,
                patientId,
                deviceId,
                measuredAt,
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

    public Instant instant() {
        return measuredAt.toInstant();
    }

    /** True for readings that carry a limb volume (measured or derived from circumferences). */
    public boolean hasVolume() {
        return volumeMl != null;
    }

    /** R0(unaffected) / R0(at-risk); above 1 when the at-risk limb holds more fluid. */
    public Double r0Ratio() {
        return r0AtRiskOhm == null || r0UnaffectedOhm == null
                ? null
                : r0UnaffectedOhm / r0AtRiskOhm;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reading r
                && schema == r.schema
                && readingId.equals(r.readingId)
                && patientId.equals(r.patientId)
                && Objects.equals(deviceId, r.deviceId)
                && measuredAt.equals(r.measuredAt)
                && kind == r.kind
                && limb == r.limb
                && side == r.side
                && Objects.equals(volumeMl, r.volumeMl)
                && method == r.method
                && Objects.equals(intervalCm, r.intervalCm)
                && java.util.Arrays.equals(circumferencesCm, r.circumferencesCm)
                && Objects.equals(lDex, r.lDex)
                && Objects.equals(r0AtRiskOhm, r.r0AtRiskOhm)
                && Objects.equals(r0UnaffectedOhm, r.r0UnaffectedOhm)
                && Objects.equals(context, r.context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(readingId, patientId, measuredAt, kind);
    }

    @Override
    public String toString() {
        // No free text: ids, kind and time are enough to trace a reading.
        return "Reading[" + readingId + " " + patientId + " " + kind + " " + measuredAt + "]";
    }
}

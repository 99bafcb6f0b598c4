package org.lymphwatch.jobs.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * A validated {@link Reading} between operators and in the state of readings that wait for their
 * patient: every field, absent ones as a bit in a presence mask, so the reading arrives exactly as
 * validated without being parsed twice.
 */
public final class ReadingCodec implements Codec<Reading> {

    private static final long serialVersionUID = 1L;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(Reading r, DataOutput out) throws IOException {
        int mask =
                (r.deviceId() != null ? 1 : 0)
                        | (r.limb() != null ? 2 : 0)
                        | (r.side() != null ? 4 : 0)
                        | (r.volumeMl() != null ? 8 : 0)
                        | (r.method() != null ? 16 : 0)
                        | (r.intervalCm() != null ? 32 : 0)
                        | (r.circumferencesCm() != null ? 64 : 0)
                        | (r.lDex() != null ? 128 : 0)
                        | (r.r0AtRiskOhm() != null ? 256 : 0)
                        | (r.r0UnaffectedOhm() != null ? 512 : 0)
                        | (r.context() != null ? 1024 : 0);
        out.writeShort(mask);
        out.writeByte(r.schema());
        out.writeUTF(r.readingId());
        out.writeUTF(r.patientId());
        if (r.deviceId() != null) {
            out.writeUTF(r.deviceId());
        }
        Instant at = r.measuredAt().toInstant();
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
        out.writeInt(r.measuredAt().getOffset().getTotalSeconds());
        out.writeByte(r.kind().ordinal());
        if (r.limb() != null) {
            out.writeByte(r.limb().ordinal());
        }
        if (r.side() != null) {
            out.writeByte(r.side().ordinal());
        }
        if (r.volumeMl() != null) {
            out.writeDouble(r.volumeMl());
        }
        if (r.method() != null) {
            out.writeByte(r.method().ordinal());
        }
        if (r.intervalCm() != null) {
            out.writeDouble(r.intervalCm());
        }
        if (r.circumferencesCm() != null) {
            out.writeShort(r.circumferencesCm().length);
            for (double c : r.circumferencesCm()) {
                out.writeDouble(c);
            }
        }
        if (r.lDex() != null) {
            out.writeDouble(r.lDex());
        }
        if (r.r0AtRiskOhm() != null) {
            out.writeDouble(r.r0AtRiskOhm());
        }
        if (r.r0UnaffectedOhm() != null) {
            out.writeDouble(r.r0UnaffectedOhm());
        }
        if (r.context() != null) {
            PatientContext c = r.context();
            out.writeByte(flag(c.massageSession()));
            out.writeByte(flag(c.compressionWorn()));
            out.writeByte(flag(c.fever()));
            out.writeByte(flag(c.redness()));
            out.writeByte(flag(c.pain()));
        }
    }

    @Override
    public Reading read(DataInput in) throws IOException {
        int mask = in.readUnsignedShort();
        int schema = in.readUnsignedByte();
        String readingId = in.readUTF();
        String patientId = in.readUTF();
        String deviceId = (mask & 1) != 0 ? in.readUTF() : null;
        Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
        OffsetDateTime measuredAt = at.atOffset(ZoneOffset.ofTotalSeconds(in.readInt()));
        ReadingKind kind = ReadingKind.values()[in.readUnsignedByte()];
        Limb limb = (mask & 2) != 0 ? Limb.values()[in.readUnsignedByte()] : null;
        Side side = (mask & 4) != 0 ? Side.values()[in.readUnsignedByte()] : null;
        Double volume = (mask & 8) != 0 ? in.readDouble() : null;
        VolumeMethod method =
                (mask & 16) != 0 ? VolumeMethod.values()[in.readUnsignedByte()] : null;
        Double interval = (mask & 32) != 0 ? in.readDouble() : null;
        double[] circumferences = null;
        if ((mask & 64) != 0) {
            circumferences = new double[in.readUnsignedShort()];
            for (int i = 0; i < circumferences.length; i++) {
                circumferences[i] = in.readDouble();
            }
        }
        Double lDex = (mask & 128) != 0 ? in.readDouble() : null;
        Double r0AtRisk = (mask & 256) != 0 ? in.readDouble() : null;
        Double r0Unaffected = (mask & 512) != 0 ? in.readDouble() : null;
        PatientContext context = null;
        if ((mask & 1024) != 0) {
            context =
                    new PatientContext(
                            flag(in.readByte()),
                            flag(in.readByte()),
                            flag(in.readByte()),
                            flag(in.readByte()),
                            flag(in.readByte()));
        }
        return new Reading(
                schema,
                readingId,
                patientId,
                deviceId,
                measuredAt,
                kind,
                limb,
                side,
                volume,
                method,
                interval,
                circumferences,
                lDex,
                r0AtRisk,
                r0Unaffected,
                context);
    }

    private static int flag(Boolean b) {
        return b == null ? 0 : b ? 2 : 1;
    }

    private static Boolean flag(byte b) {
        return b == 0 ? null : b == 2;
    }
}

package org.lymphwatch.jobs.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.lymphwatch.jobs.PatientTimers;

/**
 * {@link PatientTimers} in keyed state: a byte saying which values are set, then those values.
 * Layout 2 added when the status was last published; layout 1 reads with it unset.
 */
public final class PatientTimersCodec implements Codec<PatientTimers> {

    private static final long serialVersionUID = 1L;
    private static final int EVENT_TIMER = 1;
    private static final int STATUS_DUE = 2;
    private static final int FINGERPRINT = 4;
    private static final int PUBLISHED_AT = 8;

    @Override
    public int version() {
        return 2;
    }

    @Override
    public void write(PatientTimers value, DataOutput out) throws IOException {
        out.writeByte(
                (value.eventTimer() == null ? 0 : EVENT_TIMER)
                        | (value.statusDue() == null ? 0 : STATUS_DUE)
                        | (value.statusFingerprint() == null ? 0 : FINGERPRINT)
                        | (value.publishedAt() == null ? 0 : PUBLISHED_AT));
        if (value.eventTimer() != null) {
            out.writeLong(value.eventTimer());
        }
        if (value.statusDue() != null) {
            out.writeLong(value.statusDue());
        }
        if (value.statusFingerprint() != null) {
            out.writeInt(value.statusFingerprint());
        }
        if (value.publishedAt() != null) {
            out.writeLong(value.publishedAt());
        }
    }

    @Override
    public PatientTimers read(DataInput in) throws IOException {
        int set = in.readUnsignedByte();
        Long eventTimer = (set & EVENT_TIMER) == 0 ? null : in.readLong();
        Long statusDue = (set & STATUS_DUE) == 0 ? null : in.readLong();
        Integer fingerprint = (set & FINGERPRINT) == 0 ? null : in.readInt();
        Long publishedAt = (set & PUBLISHED_AT) == 0 ? null : in.readLong();
        return new PatientTimers(eventTimer, statusDue, fingerprint, publishedAt);
    }
}

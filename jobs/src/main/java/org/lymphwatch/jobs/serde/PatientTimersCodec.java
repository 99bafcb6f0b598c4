package org.lymphwatch.jobs.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.lymphwatch.jobs.PatientTimers;

/** {@link PatientTimers} in keyed state: a byte saying which values are set, then those values. */
public final class PatientTimersCodec implements Codec<PatientTimers> {

    private static final long serialVersionUID = 1L;
    private static final int EVENT_TIMER = 1;
    private static final int STATUS_DUE = 2;
    private static final int FINGERPRINT = 4;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(PatientTimers value, DataOutput out) throws IOException {
        out.writeByte(
                (value.eventTimer() == null ? 0 : EVENT_TIMER)
                        | (value.statusDue() == null ? 0 : STATUS_DUE)
                        | (value.statusFingerprint() == null ? 0 : FINGERPRINT));
        if (value.eventTimer() != null) {
            out.writeLong(value.eventTimer());
        }
        if (value.statusDue() != null) {
            out.writeLong(value.statusDue());
        }
        if (value.statusFingerprint() != null) {
            out.writeInt(value.statusFingerprint());
        }
    }

    @Override
    public PatientTimers read(DataInput in) throws IOException {
        int set = in.readUnsignedByte();
        Long eventTimer = (set & EVENT_TIMER) == 0 ? null : in.readLong();
        Long statusDue = (set & STATUS_DUE) == 0 ? null : in.readLong();
        Integer fingerprint = (set & FINGERPRINT) == 0 ? null : in.readInt();
        return new PatientTimers(eventTimer, statusDue, fingerprint);
    }
}

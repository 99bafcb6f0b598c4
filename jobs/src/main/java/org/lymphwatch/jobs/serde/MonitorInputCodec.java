package org.lymphwatch.jobs.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.lymphwatch.jobs.MonitorInput;
import org.lymphwatch.model.AlertActionJson;
import org.lymphwatch.model.PatientJson;

/**
 * A {@link MonitorInput} between operators: a tag byte, then the reading in {@link ReadingCodec}
 * form, or the patient record or clinician action as their contract JSON (both are rare).
 */
public final class MonitorInputCodec implements Codec<MonitorInput> {

    private static final long serialVersionUID = 1L;
    private static final ReadingCodec READING = new ReadingCodec();

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(MonitorInput value, DataOutput out) throws IOException {
        if (value.reading() != null) {
            out.writeByte(0);
            out.writeLong(value.receivedAtMs());
            READING.write(value.reading(), out);
        } else if (value.patient() != null) {
            out.writeByte(1);
            writeLong(out, PatientJson.write(value.patient()));
        } else {
            out.writeByte(2);
            writeLong(out, AlertActionJson.write(value.action()));
        }
    }

    @Override
    public MonitorInput read(DataInput in) throws IOException {
        return switch (in.readUnsignedByte()) {
            case 0 -> {
                long receivedAt = in.readLong();
                yield MonitorInput.of(READING.read(in), receivedAt);
            }
            case 1 -> MonitorInput.of(PatientJson.read(readLong(in)));
            case 2 -> MonitorInput.of(AlertActionJson.read(readLong(in)));
            default -> throw new IOException("not a monitor input");
        };
    }

    /** UTF-8 with an int length: writeUTF stops at 64 KiB. */
    static void writeLong(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readLong(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}

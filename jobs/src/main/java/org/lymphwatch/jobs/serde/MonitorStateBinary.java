package org.lymphwatch.jobs.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.lymphwatch.analytics.MonitorState;
import org.lymphwatch.analytics.MonitorStateCodec;

/**
 * A patient's monitor state in Flink keyed state, in the analytics' own binary form, and copied
 * (when the heap backend copies on write during a checkpoint) by {@link MonitorState#copy()}.
 */
public final class MonitorStateBinary implements Codec.Copying<MonitorState> {

    private static final long serialVersionUID = 1L;

    @Override
    public int version() {
        return MonitorStateCodec.VERSION;
    }

    @Override
    public void write(MonitorState value, DataOutput out) throws IOException {
        value.writeTo(out);
    }

    @Override
    public MonitorState read(DataInput in) throws IOException {
        return MonitorStateCodec.read(in);
    }

    @Override
    public MonitorState copy(MonitorState value) {
        return value.copy();
    }
}

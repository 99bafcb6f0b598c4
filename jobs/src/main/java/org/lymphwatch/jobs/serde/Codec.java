package org.lymphwatch.jobs.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * An explicit binary form of one type, for Flink state and for records between operators. A codec
 * class needs a public no-argument constructor: a savepoint names it, and restoring creates it
 * again.
 */
public interface Codec<T> extends Serializable {

    /** The layout this codec writes; raised on every change, and older layouts stay readable. */
    int version();

    void write(T value, DataOutput out) throws IOException;

    T read(DataInput in) throws IOException;

    /**
     * A codec of a mutable type that can copy a value without its binary form; other mutable values
     * are copied by writing and reading them.
     */
    interface Copying<T> extends Codec<T> {

        /** A deep copy: changing it leaves {@code value} as it was. */
        T copy(T value);
    }
}

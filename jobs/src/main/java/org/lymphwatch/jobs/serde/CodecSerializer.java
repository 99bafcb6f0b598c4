package org.lymphwatch.jobs.serde;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer that writes values with their {@link Codec}, behind a length prefix so that a
 * value can be copied or skipped without decoding it. Its snapshot records the codec and its layout
 * version; see {@link CodecSerializerSnapshot} for what restores.
 */
public final class CodecSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final Codec<T> codec;
    private final boolean immutable;
    private transient DataOutputSerializer buffer;

    public CodecSerializer(Class<T> type, Codec<T> codec, boolean immutable) {
        this.type = type;
        this.codec = codec;
        this.immutable = immutable;
    }

    Class<T> type() {
        return type;
    }

    Codec<T> codec() {
        return codec;
    }

    boolean immutable() {
        return immutable;
    }

    @Override
    public boolean isImmutableType() {
        return immutable;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        // The write buffer is per instance: every thread gets its own serializer.
        return new CodecSerializer<>(type, codec, immutable);
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (immutable || from == null) {
            return from;
        }
        if (codec instanceof Codec.Copying<T> copying) {
            return copying.copy(from);
        }
        try {
            DataOutputSerializer out = buffer();
            out.clear();
            codec.write(from, out);
            return codec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy a " + type.getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
        DataOutputSerializer out = buffer();
        out.clear();
        codec.write(value, out);
        target.writeInt(out.length());
        target.write(out.getSharedBuffer(), 0, out.length());
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return codec.read(new DataInputDeserializer(bytes));
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new CodecSerializerSnapshot<>(this);
    }

    private DataOutputSerializer buffer() {
        if (buffer == null) {
            buffer = new DataOutputSerializer(4096);
        }
        return buffer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecSerializer<?> other
                && other.type.equals(type)
                && other.codec.getClass().equals(codec.getClass())
                && other.immutable == immutable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, codec.getClass(), immutable);
    }
}

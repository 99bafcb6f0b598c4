package org.lymphwatch.jobs.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a savepoint remembers of a {@link CodecSerializer}: the value type, the codec class and the
 * layout version it wrote. A later lymphwatch restores the state as is when its codec is the same
 * class with the same or a newer layout version (codecs keep reading older layouts); a savepoint
 * from a newer version, or of another codec, is refused rather than misread.
 */
public final class CodecSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {

    private static final int SNAPSHOT_VERSION = 1;

    private Class<T> type;
    private Codec<T> codec;
    private boolean immutable;
    private int codecVersion;

    /** For Flink, which reads the fields with {@link #readSnapshot}. */
    public CodecSerializerSnapshot() {}

    CodecSerializerSnapshot(CodecSerializer<T> serializer) {
        this.type = serializer.type();
        this.codec = serializer.codec();
        this.immutable = serializer.immutable();
        this.codecVersion = codec.version();
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(type.getName());
        out.writeUTF(codec.getClass().getName());
        out.writeBoolean(immutable);
        out.writeInt(codecVersion);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
            throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException("unknown serializer snapshot version " + readVersion);
        }
        try {
            type = (Class<T>) Class.forName(in.readUTF(), false, classLoader);
            codec =
                    (Codec<T>)
                            Class.forName(in.readUTF(), true, classLoader)
                                    .getConstructor()
                                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot restore the codec of a savepoint", e);
        }
        immutable = in.readBoolean();
        codecVersion = in.readInt();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new CodecSerializer<>(type, codec, immutable);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof CodecSerializerSnapshot<T> old)
                || !old.codec.getClass().equals(codec.getClass())
                || old.codecVersion > codecVersion) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }

    int codecVersion() {
        return codecVersion;
    }
}

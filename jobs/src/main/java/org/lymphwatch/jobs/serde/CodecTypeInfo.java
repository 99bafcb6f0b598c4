package org.lymphwatch.jobs.serde;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for a type with a {@link Codec}, so that neither Kryo nor Java
 * serialization is ever used for it (the job runs with generic types disabled).
 */
public final class CodecTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final Codec<T> codec;
    private final boolean immutable;

    /**
     * @param immutable whether values never change after creation (records of immutable parts):
     *     then copies are the value itself; otherwise a copy goes through the codec
     */
    public CodecTypeInfo(Class<T> type, Codec<T> codec, boolean immutable) {
        this.type = type;
        this.codec = codec;
        this.immutable = immutable;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new CodecSerializer<>(type, codec, immutable);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + "(" + codec.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecTypeInfo<?> other
                && other.type.equals(type)
                && other.codec.getClass().equals(codec.getClass());
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, codec.getClass());
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CodecTypeInfo<?>;
    }
}

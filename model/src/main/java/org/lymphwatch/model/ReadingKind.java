package org.lymphwatch.model;

/** What a home device measured; decides which fields a {@link Reading} carries. */
public enum ReadingKind {
    /** Limb volume from a perometer, water displacement or a 3D scan. */
    LIMB_VOLUME,
    /** Tape-measure circumferences every few cm, converted to volume by {@link TruncatedCone}. */
    CIRCUMFERENCES,
    /** Bioimpedance spectroscopy: L-Dex and/or R0 of both limbs. */
    BIOIMPEDANCE,
    /** Patient-reported context: massage, compression, fever, redness, pain. */
    CONTEXT
}

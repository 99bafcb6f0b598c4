package org.lymphwatch.simulators;

/** Stretches of time a researcher scoring alerts needs to know about (truth.jsonl episodes). */
public enum EpisodeType {
    /** Swelling of the at-risk arm in the weeks after surgery; not lymphedema. */
    POST_OP,
    /** The mild rise of a TRANSIENT course, from its start until it has resolved. */
    TRANSIENT,
    /** Skin infection: a sudden rise over 1-3 days with fever and redness, then resolution. */
    CELLULITIS,
    /** Body weight gain or loss that changes both arms alike. */
    WEIGHT_CHANGE,
    /** A four-week course of manual lymphatic drainage massage. */
    MASSAGE_COURSE,
    /** Compression garments worn, from the massage course on. */
    COMPRESSION,
    /** The patient took no measurements at all (holiday, illness). */
    MEASUREMENT_GAP,
    /** The patient's devices had no connection; their readings arrived late in one batch. */
    DEVICE_OFFLINE
}

package org.lymphwatch.simulators;

/** The clinical course of a patient's at-risk arm (truth.jsonl field {@code course}). */
public enum CourseKind {
    /** No swelling beyond the post-operative weeks. */
    NONE,
    /** A mild rise (RVC 5-10%) that resolves by itself. */
    TRANSIENT,
    /** Swelling that reaches or heads for RVC 10% and persists, treated with massage. */
    LYMPHEDEMA
}

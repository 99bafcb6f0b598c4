package org.lymphwatch.simulators;

import org.lymphwatch.model.RejectReason;

/** What went wrong with a message on its way, as the simulator injected it. */
public enum Fault {
    /** Delivered a second time, byte for byte, after a lost acknowledgement. */
    DUPLICATE,
    /** Measured while the devices were offline; arrives days late with the rest of the batch. */
    LATE_BACKFILL,
    /** The device clock was 20 min to 6 h ahead or behind. */
    CLOCK_SKEW,
    /** Local wall-clock time with the wrong UTC offset (daylight saving time missed or wrong). */
    TIME_ZONE,
    /** The two arms of a session were labelled the wrong way round. */
    WRONG_SIDE,
    /** Bioimpedance leads misplaced: L-Dex below −10, R0 of the at-risk arm too high. */
    LEAD_ERROR,
    /** Cut off in transmission. */
    TRUNCATED(RejectReason.NOT_JSON),
    /** A measurement sent as the bare token NaN. */
    NOT_A_NUMBER(RejectReason.NOT_FINITE),
    /** A volume, circumference or R0 with a minus sign (firmware bug). */
    NEGATIVE(RejectReason.OUT_OF_RANGE),
    /** A kind lymphwatch does not know: the scale's body weight. */
    UNKNOWN_KIND(RejectReason.UNKNOWN_KIND);

    private final RejectReason rejectedAs;

    Fault() {
        this(null);
    }

    Fault(RejectReason rejectedAs) {
        this.rejectedAs = rejectedAs;
    }

    /** The reason the validator must give for a message with this fault; null if well-formed. */
    public RejectReason rejectedAs() {
        return rejectedAs;
    }

    public boolean malformed() {
        return rejectedAs != null;
    }
}

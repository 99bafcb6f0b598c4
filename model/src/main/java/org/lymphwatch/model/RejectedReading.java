package org.lymphwatch.model;

import java.time.Instant;

/**
 * A dead letter for topic {@code readings-rejected}: why, a short detail, and the start of the raw
 * message so an operator can find the device that sent it.
 */
public record RejectedReading(RejectReason reason, String detail, String raw, Instant receivedAt)
        implements java.io.Serializable {

    /** At most this many characters of the raw message are kept. */
    public static final int RAW_LIMIT = 1024;

    public RejectedReading {
        if (raw != null && raw.length() > RAW_LIMIT) {
            raw = raw.substring(0, RAW_LIMIT);
        }
    }
}

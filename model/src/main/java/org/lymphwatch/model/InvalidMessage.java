package org.lymphwatch.model;

/**
 * Thrown while decoding a message that breaks the contract; carries the reject reason. Decoders
 * turn it into a {@link RejectedReading} or, for files, a one-line error naming the line.
 */
public final class InvalidMessage extends RuntimeException {

    private final RejectReason reason;

    public InvalidMessage(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}

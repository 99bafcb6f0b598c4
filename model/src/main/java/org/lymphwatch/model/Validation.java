package org.lymphwatch.model;

/** The outcome of validating one message: a reading, or a dead letter saying why not. */
public sealed interface Validation permits Validation.Accepted, Validation.Rejected {

    record Accepted(Reading reading) implements Validation {}

    record Rejected(RejectedReading rejection) implements Validation {}
}

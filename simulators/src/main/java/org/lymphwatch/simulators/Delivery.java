package org.lymphwatch.simulators;

import java.time.Instant;
import java.util.Set;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.RejectReason;

/**
 * One message as it arrives at lymphwatch.
 *
 * @param patientIndex the sending patient, counted from 0
 * @param arrivalAt when it arrives: the Kafka record time when publishing paced
 * @param message the bytes on the wire, as a line of readings.jsonl
 * @param reading what the message carries; for a malformed message, what it would have carried
 * @param faults the faults injected into this message, empty for most
 * @param expectedReject the reason the validator rejects it with when validated at {@code
 *     arrivalAt}, or null when it is accepted
 */
public record Delivery(
        int patientIndex,
        Instant arrivalAt,
        String message,
        Reading reading,
        Set<Fault> faults,
        RejectReason expectedReject) {

    public boolean accepted() {
        return expectedReject == null;
    }

    public boolean has(Fault fault) {
        return faults.contains(fault);
    }
}

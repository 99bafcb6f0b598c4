package org.lymphwatch.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingLimits;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.Validation;

/**
 * What {@code POST /v1/readings} does with a body once the device is authenticated: one reading or
 * a JSON array of them, each validated as the job validates it, the valid ones written to Kafka,
 * and a result per reading. All or nothing on the checks that concern the request as a whole (its
 * syntax, its size, the patient it speaks for); per reading on the reading contract.
 */
final class ReadingIntake {

    /** What happened to one reading of a request. */
    enum Status {
        ACCEPTED,
        DUPLICATE,
        REJECTED
    }

    /**
     * @param readingId as sent, or null when the message had none
     * @param rejection why it was rejected, else null
     */
    record Result(String readingId, Status status, RejectedReading rejection) {}

    sealed interface Outcome {}

    /** Every reading was written, or is a duplicate, or was rejected: 202. */
    record Answered(List<Result> results) implements Outcome {}

    /** The body is not JSON, or not an object or array of objects: 400. */
    record Malformed(String why) implements Outcome {}

    /** More readings, or bytes, than a request may carry: 413. */
    record TooLarge(String why) implements Outcome {}

    /** A reading names another patient than the device is enrolled for: 403, nothing written. */
    record ForeignPatient() implements Outcome {}

    /** Kafka did not acknowledge every valid reading in time: 503, the device should retry. */
    record KafkaUnavailable() implements Outcome {}

    private final ReadingValidator validator;
    private final ObjectMapper mapper;
    private final ReadingsProducer producer;
    private final RecentReadings recent;
    private final ReceivedMeasurements received;
    private final int maxBatch;

    ReadingIntake(
            ReadingLimits limits,
            int maxBodyBytes,
            ReadingsProducer producer,
            RecentReadings recent,
            ReceivedMeasurements received,
            int maxBatch) {
        this.validator = new ReadingValidator(limits);
        // The body is read with the job's string and number limits, one more level of nesting for
        // the array, and the body size limit instead of the per-message one.
        this.mapper = Json.mapper(bodyLimits(limits, maxBodyBytes));
        this.producer = producer;
        this.recent = recent;
        this.received = received;
        this.maxBatch = maxBatch;
    }

    private static ReadingLimits bodyLimits(ReadingLimits m, int maxBodyBytes) {
        return new ReadingLimits(
                maxBodyBytes,
                m.maxNestingDepth() + 1,
                m.maxStringLength(),
                m.maxClockAhead(),
                m.minVolumeMl(),
                m.maxVolumeMl(),
                m.minCircumferenceCm(),
                m.maxCircumferenceCm(),
                m.maxCircumferences(),
                m.minIntervalCm(),
                m.maxIntervalCm(),
                m.minLDex(),
                m.maxLDex(),
                m.minR0Ohm(),
                m.maxR0Ohm());
    }

    Outcome accept(Credential device, byte[] body) {
        List<byte[]> messages = new ArrayList<>();
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                messages.add(element(parser, body));
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (messages.size() == maxBatch) {
                        return new TooLarge("more than " + maxBatch + " readings in one request");
                    }
                    messages.add(element(parser, body));
                }
            } else {
                return new Malformed("the body must be a reading or an array of readings");
            }
            if (parser.nextToken() != null) {
                return new Malformed("the body has more after its JSON value");
            }
        } catch (StreamConstraintsException e) {
            return new TooLarge(
                    "the body exceeds the read limits (size, nesting, string or number length)");
        } catch (IOException e) {
            return new Malformed("the body is not valid JSON");
        }
        Instant receivedAt = Instant.now();
        Result[] results = new Result[messages.size()];
        List<ReadingsProducer.Outgoing> outgoing = new ArrayList<>();
        List<Integer> outgoingIndex = new ArrayList<>();
        List<Reading> outgoingReadings = new ArrayList<>();
        Set<String> inThisRequest = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            byte[] message = messages.get(i);
            Validation v = validator.validate(message, receivedAt);
            if (v instanceof Validation.Rejected rejected) {
                results[i] =
                        new Result(readingIdOf(message), Status.REJECTED, rejected.rejection());
                continue;
            }
            Reading r = ((Validation.Accepted) v).reading();
            if (!r.patientId().equals(device.patientId())) {
                return new ForeignPatient();
            }
            if (!inThisRequest.add(r.readingId())
                    || recent.contains(r.patientId(), r.readingId())) {
                results[i] = new Result(r.readingId(), Status.DUPLICATE, null);
                continue;
            }
            outgoing.add(
                    new ReadingsProducer.Outgoing(
                            r.patientId(), new String(message, StandardCharsets.UTF_8)));
            outgoingIndex.add(i);
            outgoingReadings.add(r);
        }
        boolean[] acknowledged = outgoing.isEmpty() ? new boolean[0] : producer.write(outgoing);
        boolean all = true;
        for (int k = 0; k < acknowledged.length; k++) {
            if (acknowledged[k]) {
                Reading r = outgoingReadings.get(k);
                // Remembered even when the request as a whole fails: the retry will hear
                // "duplicate" for what is already written.
                recent.add(device.patientId(), r.readingId());
                received.add(device.patientId(), r.measuredAt(), receivedAt);
                results[outgoingIndex.get(k)] = new Result(r.readingId(), Status.ACCEPTED, null);
            } else {
                all = false;
            }
        }
        return all ? new Answered(List.of(results)) : new KafkaUnavailable();
    }

    /**
     * The bytes of the value the parser stands at the start of, exactly as the device sent them:
     * the validator and the job see the device's message, not a re-serialization of it.
     */
    private static byte[] element(JsonParser parser, byte[] body) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        return Arrays.copyOfRange(body, start, end);
    }

    private String readingIdOf(byte[] message) {
        JsonNode id;
        try {
            id = mapper.readTree(message).get("readingId");
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return id != null && id.isTextual() && id.asText().length() <= 64 ? id.asText() : null;
    }
}

package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns one raw message into a {@link Reading} or a {@link RejectedReading}; never throws. Checks
 * size, JSON syntax, schema version, required fields per kind, types, finiteness, physiological
 * ranges and clocks ahead of the receiver. Whether the patient is known is decided later, where the
 * patient registry lives.
 */
public final class ReadingValidator {

    private static final Set<VolumeMethod> DEVICE_METHODS =
            EnumSet.of(
                    VolumeMethod.PEROMETER, VolumeMethod.WATER_DISPLACEMENT, VolumeMethod.SCAN_3D);
    private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("2000-01-01T00:00:00Z");

    private final ReadingLimits limits;
    private final ObjectMapper mapper;
    private final FlatObjectReader flatObjects;

    public ReadingValidator(ReadingLimits limits) {
        this.limits = limits;
        this.mapper = Json.mapper(limits);
        this.flatObjects = new FlatObjectReader(mapper);
    }

    public ReadingValidator() {
        this(ReadingLimits.DEFAULT);
    }

    /**
     * @param receivedAt when lymphwatch received the message (the Kafka record time in the job); a
     *     reading measured more than {@link ReadingLimits#maxClockAhead()} after it is FUTURE_TIME.
     */
    public Validation validate(byte[] message, Instant receivedAt) {
        if (message == null) {
            return reject(RejectReason.NOT_JSON, "empty message", "", receivedAt);
        }
        if (message.length > limits.maxMessageBytes()) {
            return reject(
                    RejectReason.TOO_LARGE,
                    "message of " + message.length + " bytes exceeds " + limits.maxMessageBytes(),
                    rawPrefix(message),
                    receivedAt);
        }
        try {
            JsonNode node = flatObjects.read(message);
            if (node == null) {
                node = mapper.readTree(message);
            }
            return new Validation.Accepted(reading(node, receivedAt));
        } catch (InvalidMessage e) {
            return reject(e.reason(), e.detail(), rawPrefix(message), receivedAt);
        } catch (StreamConstraintsException e) {
            return reject(
                    RejectReason.TOO_LARGE,
                    "exceeds read limits (nesting, string or number length)",
                    rawPrefix(message),
                    receivedAt);
        } catch (JsonProcessingException e) {
            return reject(RejectReason.NOT_JSON, "not valid JSON", rawPrefix(message), receivedAt);
        } catch (RuntimeException | java.io.IOException e) {
            // Nothing above should get here; if it does, the message is still accounted for.
            return reject(
                    RejectReason.NOT_JSON,
                    "unreadable: " + e.getClass().getSimpleName(),
                    rawPrefix(message),
                    receivedAt);
        }
    }

    public Validation validate(String message, Instant receivedAt) {
        return validate(
                message == null ? null : message.getBytes(StandardCharsets.UTF_8), receivedAt);
    }

    private Reading reading(JsonNode node, Instant receivedAt) {
        if (node == null || node.isMissingNode()) {
            throw new InvalidMessage(RejectReason.NOT_JSON, "empty message");
        }
        Fields f = new Fields(node);
        int schema = f.integer("schema");
        if (schema != Reading.SCHEMA) {
            throw new InvalidMessage(
                    RejectReason.UNSUPPORTED_SCHEMA,
                    "schema " + schema + " is not supported (expected " + Reading.SCHEMA + ")");
        }
        String readingId = f.id("readingId");
        String patientId = f.id("patientId");
        String deviceId = f.id("deviceId");
        OffsetDateTime measuredAt = f.time("measuredAt");
        ReadingKind kind = kind(f);
        checkTime(measuredAt, receivedAt);

        return switch (kind) {
            case LIMB_VOLUME -> {
                VolumeMethod method = f.enumValue("method", VolumeMethod.class);
                if (!DEVICE_METHODS.contains(method)) {
                    throw new InvalidMessage(
                            RejectReason.BAD_TYPE, "method must be one of " + DEVICE_METHODS);
                }
                double volume =
                        range(
                                "volumeMl",
                                f.number("volumeMl"),
                                limits.minVolumeMl(),
                                limits.maxVolumeMl());
                yield Reading.limbVolume(
                        readingId,
                        patientId,
                        deviceId,
                        measuredAt,
                        f.enumValue("limb", Limb.class),
                        f.enumValue("side", Side.class),
                        volume,
                        method);
            }
            case CIRCUMFERENCES -> {
                Limb limb = f.enumValue("limb", Limb.class);
                Side side = f.enumValue("side", Side.class);
                double interval =
                        range(
                                "intervalCm",
                                f.number("intervalCm"),
                                limits.minIntervalCm(),
                                limits.maxIntervalCm());
                double[] circumferences = f.numbers("circumferencesCm");
                if (circumferences.length < 2
                        || circumferences.length > limits.maxCircumferences()) {
                    throw new InvalidMessage(
                            RejectReason.OUT_OF_RANGE,
                            "circumferencesCm needs 2 to "
                                    + limits.maxCircumferences()
                                    + " values");
                }
                for (int i = 0; i < circumferences.length; i++) {
                    range(
                            "circumferencesCm[" + i + "]",
                            circumferences[i],
                            limits.minCircumferenceCm(),
                            limits.maxCircumferenceCm());
                }
                yield Reading.circumferences(
                        readingId,
                        patientId,
                        deviceId,
                        measuredAt,
                        limb,
                        side,
                        interval,
                        circumferences);
            }
            case BIOIMPEDANCE -> {
                Limb limb = f.enumValue("limb", Limb.class);
                Double lDex = f.optionalNumber("lDex");
                if (lDex != null) {
                    range("lDex", lDex, limits.minLDex(), limits.maxLDex());
                }
                boolean hasR0 = f.has("r0AtRiskOhm") || f.has("r0UnaffectedOhm");
                Double r0AtRisk = hasR0 ? r0(f, "r0AtRiskOhm") : null;
                Double r0Unaffected = hasR0 ? r0(f, "r0UnaffectedOhm") : null;
                if (lDex == null && !hasR0) {
                    throw new InvalidMessage(
                            RejectReason.MISSING_FIELD,
                            "bioimpedance needs lDex or the r0AtRiskOhm/r0UnaffectedOhm pair");
                }
                yield Reading.bioimpedance(
                        readingId,
                        patientId,
                        deviceId,
                        measuredAt,
                        limb,
                        lDex,
                        r0AtRisk,
                        r0Unaffected);
            }
            case CONTEXT -> {
                PatientContext context =
                        new PatientContext(
                                f.optionalBoolean("massageSession"),
                                f.optionalBoolean("compressionWorn"),
                                f.optionalBoolean("fever"),
                                f.optionalBoolean("redness"),
                                f.optionalBoolean("pain"));
                if (context.isEmpty()) {
                    throw new InvalidMessage(
                            RejectReason.MISSING_FIELD,
                            "context needs at least one of massageSession, compressionWorn, fever, redness, pain");
                }
                yield Reading.context(readingId, patientId, deviceId, measuredAt, context);
            }
        };
    }

    private static ReadingKind kind(Fields f) {
        String kind = f.text("kind");
        try {
            return ReadingKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessage(
                    RejectReason.UNKNOWN_KIND,
                    "kind is not one of " + java.util.Arrays.toString(ReadingKind.values()));
        }
    }

    private double r0(Fields f, String field) {
        return range(field, f.number(field), limits.minR0Ohm(), limits.maxR0Ohm());
    }

    private void checkTime(OffsetDateTime measuredAt, Instant receivedAt) {
        if (measuredAt.isBefore(EARLIEST)) {
            throw new InvalidMessage(RejectReason.OUT_OF_RANGE, "measuredAt is before 2000");
        }
        if (receivedAt != null
                && measuredAt.toInstant().isAfter(receivedAt.plus(limits.maxClockAhead()))) {
            throw new InvalidMessage(
                    RejectReason.FUTURE_TIME,
                    "measuredAt is more than "
                            + limits.maxClockAhead().toMinutes()
                            + " min after receipt");
        }
    }

    private static double range(String field, double value, double min, double max) {
        if (value < min || value > max) {
            throw new InvalidMessage(
                    RejectReason.OUT_OF_RANGE, field + " outside [" + min + ", " + max + "]");
        }
        return value;
    }

    private static Validation reject(RejectReason reason, String detail, String raw, Instant at) {
        return new Validation.Rejected(new RejectedReading(reason, detail, raw, at));
    }

    private static String rawPrefix(byte[] message) {
        int n = Math.min(message.length, RejectedReading.RAW_LIMIT);
        // Decoding may split a multi-byte character at the cut; the replacement char is fine here.
        return new String(message, 0, n, StandardCharsets.UTF_8);
    }
}

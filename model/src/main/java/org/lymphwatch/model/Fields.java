package org.lymphwatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Typed access to the fields of one JSON object, failing with the contract's reject reason: a
 * missing field is MISSING_FIELD, a wrong JSON type or unparsable value BAD_TYPE, NaN/Infinity
 * NOT_FINITE. Field names appear in details; values never do (they may be free text).
 */
final class Fields {

    private final JsonNode node;
    private final String prefix;

    Fields(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            throw new InvalidMessage(
                    prefix.isEmpty() ? RejectReason.NOT_JSON : RejectReason.BAD_TYPE,
                    prefix.isEmpty() ? "not a JSON object" : prefix + " must be an object");
        }
        this.node = node;
        this.prefix = prefix;
    }

    Fields(JsonNode node) {
        this(node, "");
    }

    private String name(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode required(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidMessage(RejectReason.MISSING_FIELD, name(field) + " is missing");
        }
        return v;
    }

    String text(String field) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw new InvalidMessage(RejectReason.BAD_TYPE, name(field) + " must be a string");
        }
        return v.textValue();
    }

    String id(String field) {
        String v = text(field);
        if (!PseudonymousId.isValid(v)) {
            throw new InvalidMessage(
                    RejectReason.BAD_TYPE,
                    name(field) + " must be an id of 1-64 letters, digits or ._:-");
        }
        return v;
    }

    int integer(String field) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidMessage(RejectReason.BAD_TYPE, name(field) + " must be an integer");
        }
        return v.intValue();
    }

    double number(String field) {
        return finite(name(field), required(field));
    }

    Double optionalNumber(String field) {
        return has(field) ? number(field) : null;
    }

    Boolean optionalBoolean(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw new InvalidMessage(RejectReason.BAD_TYPE, name(field) + " must be true or false");
        }
        return v.booleanValue();
    }

    double[] numbers(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw new InvalidMessage(RejectReason.BAD_TYPE, name(field) + " must be an array");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = finite(name(field) + "[" + i + "]", v.get(i));
        }
        return out;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String v = text(field);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessage(
                    RejectReason.BAD_TYPE,
                    name(field)
                            + " must be one of "
                            + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    OffsetDateTime time(String field) {
        String v = text(field);
        try {
            return IsoOffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidMessage(
                    RejectReason.BAD_TYPE, name(field) + " must be ISO-8601 with an offset");
        }
    }

    OffsetDateTime optionalTime(String field) {
        return has(field) ? time(field) : null;
    }

    LocalDate date(String field) {
        String v = text(field);
        try {
            return LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidMessage(RejectReason.BAD_TYPE, name(field) + " must be YYYY-MM-DD");
        }
    }

    Fields object(String field) {
        return new Fields(required(field), name(field));
    }

    private static double finite(String name, JsonNode v) {
        if (!v.isNumber()) {
            throw new InvalidMessage(RejectReason.BAD_TYPE, name + " must be a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidMessage(RejectReason.NOT_FINITE, name + " must be a finite number");
        }
        return d;
    }
}

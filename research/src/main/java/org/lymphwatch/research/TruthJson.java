package org.lymphwatch.research;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.Json;

/** Reads a line of truth.jsonl (model/src/main/resources/schemas/truth.schema.json). */
public final class TruthJson {

    private TruthJson() {}

    /**
     * @throws IllegalArgumentException naming the field that breaks the contract
     */
    public static Truth read(String line) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<Truth.Episode> episodes = new ArrayList<>();
        JsonNode list = n.get("episodes");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("episodes must be an array");
            }
            for (JsonNode e : list) {
                episodes.add(
                        new Truth.Episode(
                                text(e, "type"), time(e, "from", true), time(e, "to", true)));
            }
        }
        JsonNode responds = n.get("respondsToMassage");
        return new Truth(
                text(n, "patientId"),
                text(n, "course"),
                time(n, "onsetAt", false),
                time(n, "lymphedemaAt", false),
                episodes,
                responds == null || responds.isNull() ? null : responds.asBoolean(),
                time(n, "followUpEnd", false));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return v.textValue();
    }

    private static OffsetDateTime time(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 time with offset");
        }
    }
}

package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;

/** Reads and writes dead letters (topic {@code readings-rejected}, file rejected.jsonl). */
public final class RejectedReadingJson {

    private RejectedReadingJson() {}

    public static String write(RejectedReading r) {
        ObjectNode n = Json.object();
        n.put("reason", r.reason().name());
        n.put("detail", r.detail());
        n.put("raw", r.raw());
        if (r.receivedAt() != null) {
            n.put("receivedAt", Json.time(r.receivedAt().atOffset(ZoneOffset.UTC)));
        }
        return Json.write(n);
    }

    /**
     * @throws InvalidMessage naming the field when the dead letter breaks the contract
     */
    public static RejectedReading read(String json) {
        Fields f;
        try {
            f = new Fields(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidMessage(RejectReason.NOT_JSON, "not valid JSON");
        }
        Instant receivedAt = f.has("receivedAt") ? f.time("receivedAt").toInstant() : null;
        return new RejectedReading(
                f.enumValue("reason", RejectReason.class),
                f.text("detail"),
                f.text("raw"),
                receivedAt);
    }
}

package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link Alert} events (topic {@code alerts}, file alerts.jsonl). */
public final class AlertJson {

    private AlertJson() {}

    public static String write(Alert a) {
        return Json.write(g -> write(g, a));
    }

    static void write(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schema", a.schema());
        g.writeStringField("alertId", a.alertId());
        g.writeStringField("patientId", a.patientId());
        if (a.limb() != null) {
            g.writeStringField("limb", a.limb().name());
        }
        if (a.side() != null) {
            g.writeStringField("side", a.side().name());
        }
        g.writeStringField("type", a.type().name());
        g.writeStringField("state", a.state().name());
        g.writeNumberField("revision", a.revision());
        g.writeStringField("at", Json.time(a.at()));
        if (a.metric() != null) {
            g.writeStringField("metric", a.metric());
        }
        Json.numberIfSet(g, "value", a.value());
        Json.numberIfSet(g, "threshold", a.threshold());
        g.writeStringField("message", a.message());
        g.writeArrayFieldStart("evidence");
        for (String id : a.evidence()) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * @throws InvalidMessage naming the field when the event breaks the contract
     */
    public static Alert read(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessage(RejectReason.NOT_JSON, "not valid JSON");
        }
        return read(node, "");
    }

    static Alert read(JsonNode node, String prefix) {
        Fields f = new Fields(node, prefix);
        List<String> evidence = new ArrayList<>();
        if (f.has("evidence")) {
            JsonNode ev = node.get("evidence");
            if (!ev.isArray()) {
                throw new InvalidMessage(
                        RejectReason.BAD_TYPE,
                        (prefix.isEmpty() ? "" : prefix + ".") + "evidence must be an array");
            }
            ev.forEach(e -> evidence.add(e.asText()));
        }
        return new Alert(
                f.integer("schema"),
                f.text("alertId"),
                f.id("patientId"),
                f.has("limb") ? f.enumValue("limb", Limb.class) : null,
                f.has("side") ? f.enumValue("side", Side.class) : null,
                f.enumValue("type", AlertType.class),
                f.enumValue("state", AlertState.class),
                f.integer("revision"),
                f.time("at"),
                f.has("metric") ? f.text("metric") : null,
                f.optionalNumber("value"),
                f.optionalNumber("threshold"),
                f.text("message"),
                evidence);
    }
}

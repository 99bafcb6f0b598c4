package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link Alert} events (topic {@code alerts}, file alerts.jsonl). */
public final class AlertJson {

    private AlertJson() {}

    public static String write(Alert a) {
        return Json.write(node(a));
    }

    static ObjectNode node(Alert a) {
        ObjectNode n = Json.object();
        n.put("schema", a.schema());
        n.put("alertId", a.alertId());
        n.put("patientId", a.patientId());
        if (a.limb() != null) {
            n.put("limb", a.limb().name());
        }
        if (a.side() != null) {
            n.put("side", a.side().name());
        }
        n.put("type", a.type().name());
        n.put("state", a.state().name());
        n.put("revision", a.revision());
        n.put("at", Json.time(a.at()));
        if (a.metric() != null) {
            n.put("metric", a.metric());
        }
        ReadingJson.putIfSet(n, "value", a.value());
        ReadingJson.putIfSet(n, "threshold", a.threshold());
        n.put("message", a.message());
        ArrayNode ev = n.putArray("evidence");
        a.evidence().forEach(ev::add);
        return n;
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

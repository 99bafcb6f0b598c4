package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes clinicians' {@link AlertAction}s (topic {@code alert-actions}). */
public final class AlertActionJson {

    private AlertActionJson() {}

    public static String write(AlertAction a) {
        ObjectNode n = Json.object();
        n.put("schema", a.schema());
        n.put("patientId", a.patientId());
        n.put("alertId", a.alertId());
        n.put("action", a.action().name());
        if (a.until() != null) {
            n.put("until", Json.time(a.until()));
        }
        n.put("by", a.by());
        n.put("at", Json.time(a.at()));
        return Json.write(n);
    }

    /**
     * @throws InvalidMessage naming the field when the action breaks the contract
     */
    public static AlertAction read(String json) {
        Fields f;
        try {
            f = new Fields(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidMessage(RejectReason.NOT_JSON, "not valid JSON");
        }
        AlertAction.Kind action = f.enumValue("action", AlertAction.Kind.class);
        if (action == AlertAction.Kind.SNOOZE && !f.has("until")) {
            throw new InvalidMessage(RejectReason.MISSING_FIELD, "until is missing for SNOOZE");
        }
        return new AlertAction(
                f.integer("schema"),
                f.id("patientId"),
                f.text("alertId"),
                action,
                f.optionalTime("until"),
                f.id("by"),
                f.time("at"));
    }
}

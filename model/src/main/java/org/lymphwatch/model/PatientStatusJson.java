package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link PatientStatus} (topic {@code patient-status}, file status.jsonl). */
public final class PatientStatusJson {

    private PatientStatusJson() {}

    public static String write(PatientStatus s) {
        ObjectNode n = Json.object();
        n.put("schema", s.schema());
        n.put("patientId", s.patientId());
        n.put("limb", s.limb().name());
        n.put("atRiskSide", s.atRiskSide().name());
        n.put("level", s.level().name());
        n.put("asOf", Json.time(s.asOf()));
        putIfSet(n, "lastReadingAt", s.lastReadingAt());
        putIfSet(n, "measurementDueAt", s.measurementDueAt());
        ReadingJson.putIfSet(n, "rvcPct", s.rvcPct());
        ReadingJson.putIfSet(n, "ilvdMl", s.ilvdMl());
        ReadingJson.putIfSet(n, "ilvdPct", s.ilvdPct());
        ReadingJson.putIfSet(n, "lDex", s.lDex());
        ReadingJson.putIfSet(n, "lDexDelta", s.lDexDelta());
        ReadingJson.putIfSet(n, "r0Ratio", s.r0Ratio());
        ReadingJson.putIfSet(n, "trendSlopePctPerWeek", s.trendSlopePctPerWeek());
        ReadingJson.putIfSet(n, "trendCiLowPctPerWeek", s.trendCiLowPctPerWeek());
        ReadingJson.putIfSet(n, "trendCiHighPctPerWeek", s.trendCiHighPctPerWeek());
        ReadingJson.putIfSet(n, "trendP", s.trendP());
        ArrayNode open = n.putArray("openAlerts");
        for (OpenAlert a : s.openAlerts()) {
            ObjectNode o = open.addObject();
            o.set("alert", AlertJson.node(a.alert()));
            o.put("acknowledged", a.acknowledged());
            putIfSet(o, "snoozedUntil", a.snoozedUntil());
        }
        return Json.write(n);
    }

    /**
     * @throws InvalidMessage naming the field when the status breaks the contract
     */
    public static PatientStatus read(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessage(RejectReason.NOT_JSON, "not valid JSON");
        }
        Fields f = new Fields(node);
        JsonNode open = f.required("openAlerts");
        if (!open.isArray()) {
            throw new InvalidMessage(RejectReason.BAD_TYPE, "openAlerts must be an array");
        }
        List<OpenAlert> alerts = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            String name = "openAlerts[" + i + "]";
            Fields o = new Fields(open.get(i), name);
            Boolean acknowledged = o.optionalBoolean("acknowledged");
            if (acknowledged == null) {
                throw new InvalidMessage(
                        RejectReason.MISSING_FIELD, name + ".acknowledged is missing");
            }
            alerts.add(
                    new OpenAlert(
                            AlertJson.read(o.required("alert"), name + ".alert"),
                            acknowledged,
                            o.optionalTime("snoozedUntil")));
        }
        return new PatientStatus(
                f.integer("schema"),
                f.id("patientId"),
                f.enumValue("limb", Limb.class),
                f.enumValue("atRiskSide", Side.class),
                f.enumValue("level", StatusLevel.class),
                f.time("asOf"),
                f.optionalTime("lastReadingAt"),
                f.optionalTime("measurementDueAt"),
                f.optionalNumber("rvcPct"),
                f.optionalNumber("ilvdMl"),
                f.optionalNumber("ilvdPct"),
                f.optionalNumber("lDex"),
                f.optionalNumber("lDexDelta"),
                f.optionalNumber("r0Ratio"),
                f.optionalNumber("trendSlopePctPerWeek"),
                f.optionalNumber("trendCiLowPctPerWeek"),
                f.optionalNumber("trendCiHighPctPerWeek"),
                f.optionalNumber("trendP"),
                alerts);
    }

    private static void putIfSet(ObjectNode n, String field, OffsetDateTime t) {
        if (t != null) {
            n.put(field, Json.time(t));
        }
    }
}

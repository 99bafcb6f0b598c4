package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link PatientStatus} (topic {@code patient-status}, file status.jsonl). */
public final class PatientStatusJson {

    private PatientStatusJson() {}

    public static String write(PatientStatus s) {
        return Json.write(
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("schema", s.schema());
                    g.writeStringField("patientId", s.patientId());
                    g.writeStringField("limb", s.limb().name());
                    g.writeStringField("atRiskSide", s.atRiskSide().name());
                    g.writeStringField("level", s.level().name());
                    g.writeStringField("asOf", Json.time(s.asOf()));
                    Json.timeIfSet(g, "lastReadingAt", s.lastReadingAt());
                    Json.timeIfSet(g, "measurementDueAt", s.measurementDueAt());
                    Json.numberIfSet(g, "rvcPct", s.rvcPct());
                    Json.numberIfSet(g, "ilvdMl", s.ilvdMl());
                    Json.numberIfSet(g, "ilvdPct", s.ilvdPct());
                    Json.numberIfSet(g, "lDex", s.lDex());
                    Json.numberIfSet(g, "lDexDelta", s.lDexDelta());
                    Json.numberIfSet(g, "r0Ratio", s.r0Ratio());
                    Json.numberIfSet(g, "trendSlopePctPerWeek", s.trendSlopePctPerWeek());
                    Json.numberIfSet(g, "trendCiLowPctPerWeek", s.trendCiLowPctPerWeek());
                    Json.numberIfSet(g, "trendCiHighPctPerWeek", s.trendCiHighPctPerWeek());
                    Json.numberIfSet(g, "trendP", s.trendP());
                    g.writeArrayFieldStart("openAlerts");
                    for (OpenAlert a : s.openAlerts()) {
                        g.writeStartObject();
                        g.writeFieldName("alert");
                        AlertJson.write(g, a.alert());
                        g.writeBooleanField("acknowledged", a.acknowledged());
                        Json.timeIfSet(g, "snoozedUntil", a.snoozedUntil());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
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
}

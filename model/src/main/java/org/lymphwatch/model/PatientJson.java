package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes {@link Patient} records (topic {@code patients}, file patients.jsonl). */
public final class PatientJson {

    private PatientJson() {}

    public static String write(Patient p) {
        ObjectNode n = Json.object();
        n.put("schema", p.schema());
        n.put("patientId", p.patientId());
        n.put("limb", p.limb().name());
        n.put("atRiskSide", p.atRiskSide().name());
        if (p.dominantSide() != null) {
            n.put("dominantSide", p.dominantSide().name());
        }
        n.put("surgeryDate", Json.date(p.surgeryDate()));
        n.put("cadenceDays", p.cadenceDays());
        Baseline b = p.baseline();
        if (b != null) {
            ObjectNode bn = n.putObject("baseline");
            ReadingJson.putIfSet(bn, "atRiskVolumeMl", b.atRiskVolumeMl());
            ReadingJson.putIfSet(bn, "unaffectedVolumeMl", b.unaffectedVolumeMl());
            ReadingJson.putIfSet(bn, "lDex", b.lDex());
        }
        return Json.write(n);
    }

    /**
     * @throws InvalidMessage naming the field when the record breaks the contract
     */
    public static Patient read(String json) {
        Fields f;
        try {
            f = new Fields(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidMessage(RejectReason.NOT_JSON, "not valid JSON");
        }
        int schema = f.integer("schema");
        if (schema != Reading.SCHEMA) {
            throw new InvalidMessage(RejectReason.UNSUPPORTED_SCHEMA, "schema " + schema);
        }
        int cadence = f.has("cadenceDays") ? f.integer("cadenceDays") : 1;
        if (cadence < 1 || cadence > 365) {
            throw new InvalidMessage(RejectReason.OUT_OF_RANGE, "cadenceDays outside [1, 365]");
        }
        Baseline baseline = null;
        if (f.has("baseline")) {
            Fields b = f.object("baseline");
            baseline =
                    new Baseline(
                            positive(b, "atRiskVolumeMl"),
                            positive(b, "unaffectedVolumeMl"),
                            b.optionalNumber("lDex"));
        }
        return new Patient(
                schema,
                f.id("patientId"),
                f.enumValue("limb", Limb.class),
                f.enumValue("atRiskSide", Side.class),
                f.has("dominantSide") ? f.enumValue("dominantSide", Side.class) : null,
                f.date("surgeryDate"),
                cadence,
                baseline);
    }

    private static Double positive(Fields f, String field) {
        Double v = f.optionalNumber(field);
        if (v != null && v <= 0) {
            throw new InvalidMessage(RejectReason.OUT_OF_RANGE, field + " must be positive");
        }
        return v;
    }
}

package org.lymphwatch.research;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Json;

/**
 * Writes an {@link Evaluation} as summary.json: pretty-printed, fields in a fixed order, numbers
 * rounded to four decimals, NaN as null. The same evaluation always gives the same bytes.
 */
public final class SummaryJson {

    public static final int SCHEMA = 1;

    private SummaryJson() {}

    public static String write(Evaluation e) {
        ObjectNode n = Json.object();
        n.put("schema", SCHEMA);
        n.put("horizonDays", e.horizon().toDays());
        n.put("flapWindowDays", e.flapWindow().toDays());
        if (e.sweep() != null) {
            ObjectNode s = n.putObject("sweep");
            s.put("parameter", e.sweep().parameter());
            ArrayNode values = s.putArray("values");
            e.sweep().values().forEach(v -> values.add(round(v)));
        }
        ArrayNode runs = n.putArray("runs");
        e.runs().forEach(r -> run(runs.addObject(), r));
        try {
            return Json.mapper()
                            .writer(SerializationFeature.INDENT_OUTPUT)
                            .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                            .writeValueAsString(n)
                    + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void run(ObjectNode n, RunScore r) {
        n.put("label", r.label());
        if (r.configuration() == null) {
            n.putNull("configuration");
        } else {
            n.set("configuration", configuration(r.configuration()));
        }
        n.put("patients", r.patients());
        put(n, "patientYears", r.patientYears());
        ObjectNode types = n.putObject("types");
        for (Map.Entry<AlertType, TypeScore> e : r.types().entrySet()) {
            type(types.putObject(e.getKey().name()), e.getValue());
        }
        ObjectNode burden = n.putObject("burden");
        for (Map.Entry<AlertType, Burden> e : r.burden().entrySet()) {
            Burden b = e.getValue();
            ObjectNode o = burden.putObject(e.getKey().name());
            o.put("openings", b.openings());
            put(o, "openedPer100PatientsPerWeek", b.perHundredPatientWeeks());
            o.put("flaps", b.flaps());
            put(o, "flapShare", b.flapShare());
            o.put("mostOpeningsInOneSlot", b.mostOpeningsInOneSlot());
        }
        ArrayNode groups = n.putArray("lymphedemaBySubgroup");
        for (RunScore.Subgroup g : r.lymphedemaBySubgroup()) {
            ObjectNode o = groups.addObject();
            o.put("dimension", g.dimension());
            o.put("group", g.group());
            o.put("cases", g.cases());
            o.put("detected", g.detected());
            put(o, "sensitivity", g.sensitivity());
            put(o, "medianDelayDays", g.delays().median());
        }
        RunScore.TransientOutcome t = r.transients();
        ObjectNode o = n.putObject("transientSwelling");
        o.put("patients", t.patients());
        o.put("noAlert", t.noAlert());
        o.put("alertsResolved", t.resolved());
        o.put("alertStillOpen", t.stillOpen());
        o.put("lymphedemaOpened", t.lymphedemaOpened());
    }

    private static void type(ObjectNode o, TypeScore s) {
        o.put("scored", s.scored());
        o.put("alarms", s.alarms());
        if (!s.scored()) {
            return;
        }
        o.put("cases", s.cases());
        o.put("detected", s.detected());
        put(o, "sensitivity", s.sensitivity());
        o.put("trueAlarms", s.trueAlarms());
        o.put("falseAlarms", s.falseAlarms());
        put(o, "falseAlarmsPerPatientYear", s.falseAlarmsPerPatientYear());
        put(o, "ppv", s.ppv());
        ObjectNode d = o.putObject("delayDays");
        put(d, "median", s.delays().median());
        put(d, "q1", s.delays().quantile(0.25));
        put(d, "q3", s.delays().quantile(0.75));
        ArrayNode h = d.putArray("histogram");
        for (Delays.Bin b : s.delays().histogram()) {
            h.addObject().put("fromDay", b.startDay()).put("count", b.count());
        }
    }

    private static JsonNode configuration(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration is not JSON", e);
        }
    }

    private static void put(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, round(v));
        }
    }

    static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}

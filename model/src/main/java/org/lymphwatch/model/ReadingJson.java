package org.lymphwatch.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link Reading} in the contract's JSON form. Reading it back goes through {@link
 * ReadingValidator}, the only way a reading enters lymphwatch.
 */
public final class ReadingJson {

    private ReadingJson() {}

    public static String write(Reading r) {
        return Json.write(node(r));
    }

    public static ObjectNode node(Reading r) {
        ObjectNode n = Json.object();
        n.put("schema", r.schema());
        n.put("readingId", r.readingId());
        n.put("patientId", r.patientId());
        n.put("deviceId", r.deviceId());
        n.put("measuredAt", Json.time(r.measuredAt()));
        n.put("kind", r.kind().name());
        switch (r.kind()) {
            case LIMB_VOLUME -> {
                n.put("limb", r.limb().name());
                n.put("side", r.side().name());
                n.put("volumeMl", r.volumeMl());
                n.put("method", r.method().name());
            }
            case CIRCUMFERENCES -> {
                n.put("limb", r.limb().name());
                n.put("side", r.side().name());
                n.put("intervalCm", r.intervalCm());
                ArrayNode c = n.putArray("circumferencesCm");
                for (double v : r.circumferencesCm()) {
                    c.add(v);
                }
            }
            case BIOIMPEDANCE -> {
                n.put("limb", r.limb().name());
                putIfSet(n, "lDex", r.lDex());
                putIfSet(n, "r0AtRiskOhm", r.r0AtRiskOhm());
                putIfSet(n, "r0UnaffectedOhm", r.r0UnaffectedOhm());
            }
            case CONTEXT -> {
                PatientContext c = r.context();
                putIfSet(n, "massageSession", c.massageSession());
                putIfSet(n, "compressionWorn", c.compressionWorn());
                putIfSet(n, "fever", c.fever());
                putIfSet(n, "redness", c.redness());
                putIfSet(n, "pain", c.pain());
            }
        }
        return n;
    }

    static void putIfSet(ObjectNode n, String field, Double v) {
        if (v != null) {
            n.put(field, v);
        }
    }

    static void putIfSet(ObjectNode n, String field, Boolean v) {
        if (v != null) {
            n.put(field, v);
        }
    }
}

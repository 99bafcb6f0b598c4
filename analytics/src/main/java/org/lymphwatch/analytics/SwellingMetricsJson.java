package org.lymphwatch.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lymphwatch.model.Json;

/** Writes {@link SwellingMetrics} as one line of metrics.jsonl; absent fields are omitted. */
public final class SwellingMetricsJson {

    private SwellingMetricsJson() {}

    public static String write(SwellingMetrics m) {
        ObjectNode n = Json.object();
        n.put("patientId", m.patientId());
        n.put("limb", m.limb().name());
        n.put("side", m.side().name());
        n.put("at", Json.time(m.at()));
        put(n, "rvcPct", m.rvcPct());
        put(n, "ilvdMl", m.ilvdMl());
        put(n, "ilvdPct", m.ilvdPct());
        put(n, "lDexDelta", m.lDexDelta());
        put(n, "r0Ratio", m.r0Ratio());
        put(n, "trendSlopePctPerWeek", m.trendSlopePctPerWeek());
        put(n, "trendCiLowPctPerWeek", m.trendCiLowPctPerWeek());
        put(n, "trendCiHighPctPerWeek", m.trendCiHighPctPerWeek());
        put(n, "trendP", m.trendP());
        if (m.trendN() != null) {
            n.put("trendN", m.trendN());
        }
        return Json.write(n);
    }

    private static void put(ObjectNode n, String field, Double v) {
        if (v != null) {
            n.put(field, v);
        }
    }
}

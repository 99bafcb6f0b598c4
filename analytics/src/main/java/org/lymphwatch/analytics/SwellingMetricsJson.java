package org.lymphwatch.analytics;

import org.lymphwatch.model.Json;

/**
 * Writes {@link SwellingMetrics} as one line of metrics.jsonl; absent fields are omitted. Straight
 * to a generator: a replay or an analysis writes a line per metric row, half a million for the
 * two-year cohort.
 */
public final class SwellingMetricsJson {

    private SwellingMetricsJson() {}

    public static String write(SwellingMetrics m) {
        return Json.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("patientId", m.patientId());
                    g.writeStringField("limb", m.limb().name());
                    g.writeStringField("side", m.side().name());
                    g.writeStringField("at", Json.time(m.at()));
                    Json.numberIfSet(g, "rvcPct", m.rvcPct());
                    Json.numberIfSet(g, "ilvdMl", m.ilvdMl());
                    Json.numberIfSet(g, "ilvdPct", m.ilvdPct());
                    Json.numberIfSet(g, "lDexDelta", m.lDexDelta());
                    Json.numberIfSet(g, "r0Ratio", m.r0Ratio());
                    Json.numberIfSet(g, "trendSlopePctPerWeek", m.trendSlopePctPerWeek());
                    Json.numberIfSet(g, "trendCiLowPctPerWeek", m.trendCiLowPctPerWeek());
                    Json.numberIfSet(g, "trendCiHighPctPerWeek", m.trendCiHighPctPerWeek());
                    Json.numberIfSet(g, "trendP", m.trendP());
                    if (m.trendN() != null) {
                        g.writeNumberField("trendN", m.trendN());
                    }
                    g.writeEndObject();
                });
    }
}

package org.lymphwatch.analytics;

import java.time.OffsetDateTime;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;

/**
 * Metrics of one evaluated reading (DESIGN section 3, metrics.jsonl; InfluxDB {@code swelling}).
 * Fields that do not apply are {@code null}; percentages are percent. {@code side} is the at-risk
 * side; {@code at} the event time of the reading that completed the evaluation. A later row with
 * the same patient, limb, side and time replaces an earlier one, as an InfluxDB point does (a late
 * reading can complete a pair differently).
 */
public record SwellingMetrics(
        String patientId,
        Limb limb,
        Side side,
        OffsetDateTime at,
        Double rvcPct,
        Double ilvdMl,
        Double ilvdPct,
        Double lDexDelta,
        Double r0Ratio,
        Double trendSlopePctPerWeek,
        Double trendCiLowPctPerWeek,
        Double trendCiHighPctPerWeek,
        Double trendP,
        Integer trendN) {}

package org.lymphwatch.research;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the report draws for one example patient.
 *
 * @param metric RVC, or ILVD_PCT for a patient without a baseline
 * @param points the metric at every evaluation, from metrics.jsonl
 * @param thresholds the lymphedema thresholds of that metric
 * @param truthMarks "onset" (RVC 5 %) and "lymphedema" (RVC 10 %) when they happened
 * @param alerts where alert episodes opened
 */
record Timeline(
        String title,
        String metric,
        List<Point> points,
        List<Double> thresholds,
        List<Truth.Episode> truthEpisodes,
        Map<String, OffsetDateTime> truthMarks,
        List<Mark> alerts) {

    record Point(OffsetDateTime at, double value) {}

    record Mark(OffsetDateTime at, String label) {}
}

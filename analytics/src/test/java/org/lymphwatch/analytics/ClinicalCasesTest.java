package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lymphwatch.analytics.Cases.alerts;
import static org.lymphwatch.analytics.Cases.context;
import static org.lymphwatch.analytics.Cases.feed;
import static org.lymphwatch.analytics.Cases.fever;
import static org.lymphwatch.analytics.Cases.lDex;
import static org.lymphwatch.analytics.Cases.metrics;
import static org.lymphwatch.analytics.Cases.patient;
import static org.lymphwatch.analytics.Cases.rvcPair;
import static org.lymphwatch.analytics.Cases.timeline;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.analytics.metrics.RelativeVolumeChange;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Reading;

/** Golden clinical cases; each expectation is worked out by hand in its comment. */
class ClinicalCasesTest {

    private final PatientMonitor monitor = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);

    @Test
    void rvcOfTheBaselineExample() {
        // A1 2400, U1 2480 before surgery; A2 2700, U2 2500 now:
        // RVC = (2700 * 2480) / (2500 * 2400) - 1 = 6 696 000 / 6 000 000 - 1 = 11.6 %.
        assertThat(RelativeVolumeChange.percent(2700, 2500, 2400, 2480))
                .isCloseTo(11.6, within(1e-9));

        List<SwellingMetrics> rows = metrics(feed(monitor, Cases.pair("p-1", 120, 2700, 2500)));

        assertThat(rows).hasSize(1);
        SwellingMetrics m = rows.get(0);
        assertThat(m.rvcPct()).isCloseTo(11.6, within(1e-9));
        // ILVD = 2700 - 2500 = 200 mL = 8 % of 2500.
        assertThat(m.ilvdMl()).isCloseTo(200, within(1e-9));
        assertThat(m.ilvdPct()).isCloseTo(8.0, within(1e-9));
        assertThat(m.side()).isEqualTo(org.lymphwatch.model.Side.LEFT);
        assertThat(m.at()).isEqualTo(Cases.day(120).plusMinutes(5));
    }

    @Test
    void weightGainInBothArmsRaisesNoAlert() {
        // Both arms grow by 15 % over 200 days: RVC = (1.15 A1 * U1) / (1.15 U1 * A1) - 1 = 0.
        List<Reading> readings = new ArrayList<>();
        for (int d = 1; d <= 300; d++) {
            double gain = 1 + 0.15 * Math.min(d, 200) / 200;
            readings.addAll(Cases.pair("p-1", d, 2400 * gain, 2480 * gain));
        }

        List<Output> out = feed(monitor, readings);

        assertThat(alerts(out)).isEmpty();
        assertThat(metrics(out)).allSatisfy(m -> assertThat(m.rvcPct()).isCloseTo(0, within(1e-9)));
    }

    @Test
    void postOperativeSwellingBeforeDay90GivesNoThresholdAlert() {
        // RVC 15 % on day 1 falling to 2 % on day 80, then 2 % to day 150: above every threshold
        // for weeks, but only before day 90, and never rising.
        List<Reading> readings = new ArrayList<>();
        for (int d = 1; d <= 150; d++) {
            double rvc = d <= 80 ? 15 - 13.0 * (d - 1) / 79 : 2;
            readings.addAll(rvcPair("p-1", d, rvc));
        }

        assertThat(alerts(feed(monitor, readings))).isEmpty();
    }

    @Test
    void gradualRiseToRvc12OpensSubclinicalThenLymphedemaOnceEach() {
        // RVC = 12 % * (d - 100) / 100 from day 100 to day 200, no noise. The trend is
        // significant throughout, so it confirms single readings: RVC first reaches 5 % on day
        // 142 (5.04 %; day 141: 4.92 %) and 10 % on day 184 (10.08 %; day 183: 9.96 %).
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 200; d++) {
            readings.addAll(rvcPair("p-1", d, 12.0 * (d - 100) / 100));
        }

        List<Alert> alerts = alerts(feed(monitor, readings));

        assertThat(timeline(alerts))
                .filteredOn(s -> !s.startsWith("WORSENING_TREND"))
                .containsExactly(
                        "SUBCLINICAL OPENED day 142",
                        "LYMPHEDEMA OPENED day 184",
                        "SUBCLINICAL RESOLVED day 184");
        Alert lymphedema = Cases.of(alerts, AlertType.LYMPHEDEMA, AlertState.OPENED).get(0);
        assertThat(lymphedema.metric()).isEqualTo("RVC");
        assertThat(lymphedema.value()).isCloseTo(10.08, within(1e-9));
        assertThat(lymphedema.threshold()).isEqualTo(10.0);
        assertThat(lymphedema.message()).contains("rising trend of 0.84 %/week");
        assertThat(lymphedema.evidence()).contains("v-p-1-184.000-L", "v-p-1-184.000-R");
        assertThat(lymphedema.alertId()).isEqualTo("p-1:LYMPHEDEMA:ARM:LEFT:20260713T070500Z");
        // 0.12 %/day = 0.84 %/week, significant from the minimum span of 21 days on.
        assertThat(timeline(alerts)).contains("WORSENING_TREND OPENED day 121");
    }

    @Test
    void aSingleReadingOverThresholdWaitsForASecond() {
        // Flat 3 % for a month, then 6 % twice: a 3-point step, no rapid rise. One outlier on
        // day 131 does not make the trend significant (t = 1.7, p = 0.11), so the second 6 %
        // reading on day 132 opens it.
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 130; d++) {
            readings.addAll(rvcPair("p-1", d, 3));
        }
        readings.addAll(rvcPair("p-1", 131, 6));
        readings.addAll(rvcPair("p-1", 132, 6));

        List<Alert> alerts = alerts(feed(monitor, readings));

        assertThat(timeline(alerts)).containsExactly("SUBCLINICAL OPENED day 132");
        assertThat(alerts.get(0).evidence())
                .containsExactly(
                        "v-p-1-131.000-L", "v-p-1-131.000-R", "v-p-1-132.000-L", "v-p-1-132.000-R");
        assertThat(alerts.get(0).message()).contains("on 2 readings");
    }

    @Test
    void lDexOfMinus15GivesMeasurementQualityOnly() {
        // L-Dex -15 is below -10: a measurement error to flag, not swelling to alarm about; a
        // second one keeps the same episode open, an in-range reading resolves it.
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 110; d++) {
            readings.add(lDex("p-1", d, 1.0));
        }
        readings.add(lDex("p-1", 111, -15));
        readings.add(lDex("p-1", 112, -15));

        List<Alert> alerts = alerts(feed(monitor, readings));

        assertThat(timeline(alerts)).containsExactly("MEASUREMENT_QUALITY OPENED day 111");
        assertThat(alerts.get(0).metric()).isEqualTo("LDEX");
        assertThat(alerts.get(0).value()).isEqualTo(-15.0);
        assertThat(alerts.get(0).threshold()).isEqualTo(-10.0);
        assertThat(alerts.get(0).evidence()).containsExactly("b-p-1-111.000");

        assertThat(timeline(alerts(monitor.onReading(lDex("p-1", 113, 0.5)))))
                .containsExactly("MEASUREMENT_QUALITY RESOLVED day 113");
    }

    @Test
    void twoDayJumpWithFeverGivesRapidRise() {
        // RVC 1 % for three weeks, then 4 % on day 121 and 10 % on day 122 with fever and
        // redness reported two hours later. Reference = median of the week before = 1 %, so the
        // rise on day 122 is 9 points (threshold 5); the fever confirms the single reading at
        // once and raises the severity.
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 120; d++) {
            readings.addAll(rvcPair("p-1", d, 1));
        }
        readings.addAll(rvcPair("p-1", 121, 4));
        readings.addAll(rvcPair("p-1", 122, 10));
        readings.add(context("p-1", 122 + 2 / 24.0, fever()));

        List<Alert> rapid =
                Cases.of(alerts(feed(monitor, readings)), AlertType.RAPID_RISE, AlertState.OPENED);

        assertThat(rapid).hasSize(1);
        Alert a = rapid.get(0);
        assertThat(a.at()).isEqualTo(Cases.day(122 + 2 / 24.0));
        assertThat(a.metric()).isEqualTo("RVC_RISE");
        assertThat(a.value()).isCloseTo(9.0, within(1e-9));
        assertThat(a.threshold()).isEqualTo(5.0);
        assertThat(a.message())
                .contains(
                        "left arm",
                        "cellulitis",
                        "Contact your provider today",
                        "pause self-massage");
        assertThat(a.evidence()).contains("v-p-1-122.000-L", "c-p-1-122.083");
    }

    @Test
    void rapidRiseWithoutFeverNeedsTwoReadingsAndFeverLaterEscalates() {
        // Same jump without fever: day 122 alone is not enough (day 121 rose only 3 points);
        // day 123 at 10 % again confirms it (rise 9, then 9). Fever on day 124 escalates.
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 120; d++) {
            readings.addAll(rvcPair("p-1", d, 1));
        }
        readings.addAll(rvcPair("p-1", 121, 4));
        readings.addAll(rvcPair("p-1", 122, 10));
        readings.addAll(rvcPair("p-1", 123, 10));
        readings.add(context("p-1", 124, fever()));

        List<Alert> rapid =
                alerts(feed(monitor, readings)).stream()
                        .filter(a -> a.type() == AlertType.RAPID_RISE)
                        .toList();

        assertThat(timeline(rapid))
                .containsExactly("RAPID_RISE OPENED day 123", "RAPID_RISE ESCALATED day 124");
        assertThat(rapid.get(0).message())
                .contains("blood clot", "pause self-massage", "Contact your provider promptly");
        assertThat(rapid.get(1).alertId()).isEqualTo(rapid.get(0).alertId());
    }

    @Test
    void noBaselineUsesInterLimbDifference() {
        // Without a baseline: 2750 vs 2500 mL is 250 mL (>= 200 mL) and 10 % (>= 10 %).
        PatientMonitor m = new PatientMonitor(patient("p-2", null), Thresholds.DEFAULT);
        List<Reading> readings = new ArrayList<>();
        readings.addAll(Cases.pair("p-2", 120, 2750, 2500));
        readings.addAll(Cases.pair("p-2", 121, 2750, 2500));

        List<Output> out = feed(m, readings);

        assertThat(metrics(out)).allSatisfy(r -> assertThat(r.rvcPct()).isNull());
        assertThat(timeline(alerts(out))).containsExactly("LYMPHEDEMA OPENED day 121");
        assertThat(alerts(out).get(0).metric()).isEqualTo("ILVD_PCT");
    }

    @Test
    void lDexRiseOf6Point5FromBaselineIsSubclinical() {
        // Baseline L-Dex -1.5; 5.0 and 5.2 are rises of 6.5 and 6.7 (PREVENT trigger 6.5).
        PatientMonitor m =
                new PatientMonitor(
                        patient("p-3", new Baseline(null, null, -1.5)), Thresholds.DEFAULT);

        List<Output> out =
                feed(m, List.of(lDex("p-3", 120, 0), lDex("p-3", 121, 5.0), lDex("p-3", 122, 5.2)));

        assertThat(timeline(alerts(out))).containsExactly("SUBCLINICAL OPENED day 122");
        assertThat(alerts(out).get(0).metric()).isEqualTo("LDEX_DELTA");
        assertThat(metrics(out).get(2).lDexDelta()).isCloseTo(6.7, within(1e-9));
    }
}

package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;
import static org.lymphwatch.analytics.Cases.feed;
import static org.lymphwatch.analytics.Cases.metrics;
import static org.lymphwatch.analytics.Cases.patient;
import static org.lymphwatch.analytics.Cases.rvcPair;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.lymphwatch.analytics.trend.SwellingTrend;
import org.lymphwatch.model.Reading;

class SwellingTrendTest {

    private static final long DAY_MS = 86_400_000L;

    @Test
    void perfectRampOfOnePercentPerWeekWithEpochMillisGivesExactlyOne() {
        // Readings every 6 h 17 min over 28 days in 2026: raw epoch millis (~1.8e12) squared
        // would swamp a slope; days from the window start keep it exact.
        long start = Instant.parse("2026-03-01T07:13:11.417Z").toEpochMilli();
        long step = (6 * 60 + 17) * 60_000L;
        int n = (int) (28 * DAY_MS / step) + 1;
        long[] at = new long[n];
        double[] pct = new double[n];
        for (int i = 0; i < n; i++) {
            at[i] = start + i * step;
            pct[i] = 3.25 + (at[i] - start) / (7.0 * DAY_MS);
        }

        SwellingTrend t = SwellingTrend.fit(at[n - 1] - 28 * DAY_MS, at, pct, n);

        assertThat(t.slopePctPerWeek()).isCloseTo(1.0, within(1e-9));
        // Round-off leaves residuals of ~1e-15, so the interval is a few 1e-9 wide.
        assertThat(t.ciLowPctPerWeek()).isCloseTo(1.0, within(1e-7));
        assertThat(t.ciHighPctPerWeek()).isCloseTo(1.0, within(1e-7));
        assertThat(t.p()).isLessThan(1e-12);
        assertThat(t.n()).isEqualTo(n);
    }

    @Test
    void metricsRowsOfADailyRampCarryItsTrend() {
        // RVC rises 1 %/week from day 100: every row's trend over its 28-day window is 1.000.
        PatientMonitor m = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 140; d++) {
            readings.addAll(rvcPair("p-1", d, (d - 100) / 7.0));
        }

        List<SwellingMetrics> rows = metrics(feed(m, readings));

        SwellingMetrics last = rows.get(rows.size() - 1);
        assertThat(last.trendSlopePctPerWeek()).isCloseTo(1.0, within(1e-9));
        assertThat(last.trendN()).isEqualTo(29);
        assertThat(rows.get(0).trendN()).isNull();
        assertThat(rows.get(2).trendN()).isEqualTo(3);
    }

    @Test
    void slopeAndStandardErrorMatchNistNorrisCertifiedValues() throws IOException {
        // x of Norris read as days after the window start; the slope per day is B1, so the
        // slope per week is 7 * B1.
        List<double[]> data = norris();
        int n = data.size();
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long[] at = new long[n];
        double[] y = new double[n];
        SimpleRegression reference = new SimpleRegression();
        for (int i = 0; i < n; i++) {
            at[i] = start + Math.round(data.get(i)[1] * DAY_MS);
            y[i] = data.get(i)[0];
            reference.addData(data.get(i)[1], data.get(i)[0]);
        }

        SwellingTrend t = SwellingTrend.fit(start, at, y, n);

        assertThat(n).isEqualTo(36);
        assertThat(t.slopePctPerWeek() / 7).isCloseTo(1.00211681802045, offset(1e-12));
        assertThat(t.standardErrorPctPerWeek() / 7).isCloseTo(0.429796848199937E-03, offset(1e-13));
        // The 95 % interval and p are SimpleRegression's own (t with n - 2 = 34 df).
        double half = reference.getSlopeConfidenceInterval();
        assertThat(t.ciLowPctPerWeek() / 7).isCloseTo(reference.getSlope() - half, offset(1e-12));
        assertThat(t.ciHighPctPerWeek() / 7).isCloseTo(reference.getSlope() + half, offset(1e-12));
        assertThat(t.p()).isCloseTo(reference.getSignificance(), offset(1e-15));
        // Certified residual sd and R-squared, through the same regression (its sum of squared
        // errors comes from a difference of large sums: 11 significant digits).
        assertThat(Math.sqrt(reference.getMeanSquareError()))
                .isCloseTo(0.884796396144373, offset(1e-10));
        assertThat(reference.getRSquare()).isCloseTo(0.999993745883712, offset(1e-12));
    }

    @Test
    void twoPointsGiveNoTrend() {
        assertThat(SwellingTrend.fit(0, new long[] {0, DAY_MS}, new double[] {1, 2}, 2)).isNull();
    }

    private static List<double[]> norris() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                SwellingTrendTest.class.getResourceAsStream("/nist/Norris.dat"),
                                StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
        return rows;
    }
}

package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lymphwatch.analytics.Cases.rvcPair;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Reading;

class WorseningTrendRuleTest {

    private final RuleBench bench = RuleBench.of(WorseningTrendRule::new);

    /** Daily pairs with a ±0.05 point wobble, so the fit is never exact. */
    private static List<Reading> days(int from, int to, IntToDoubleFunction rvc) {
        List<Reading> r = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            r.addAll(rvcPair("p-1", d, rvc.applyAsDouble(d) + (d % 2 == 0 ? 0.05 : -0.05)));
        }
        return r;
    }

    @Test
    void aSteadyRiseOfOnePointAWeekOpensOnceTheWindowSpansTwentyOneDays() {
        // The rules start on day 90; from day 100 the evaluations first span 21 days on day 121.
        List<EpisodeEvent> events = bench.feed(days(100, 125, d -> (d - 100) / 7.0));

        assertThat(summary(events)).containsExactly("WORSENING_TREND OPENED 1 d121");
        assertThat(events.get(0).metric()).isEqualTo("TREND_SLOPE");
        assertThat(events.get(0).value()).isCloseTo(1.0, within(0.05));
        assertThat(events.get(0).threshold()).isEqualTo(0.5);
    }

    @Test
    void aRiseOfThreePointsAWeekOpensAtLevelTwo() {
        assertThat(summary(bench.feed(days(100, 125, d -> 3 * (d - 100) / 7.0))))
                .containsExactly("WORSENING_TREND OPENED 2 d121");
    }

    @Test
    void aFlatLimbGivesNoTrendAlert() {
        assertThat(bench.feed(days(100, 200, d -> 2))).isEmpty();
    }

    @Test
    void resolvesWhenTheRiseLevelsOff() {
        // Rising 1 point a week to day 130, flat after: the slope over the 28-day window falls
        // below 0.25 points a week some weeks later.
        List<EpisodeEvent> events =
                bench.feed(days(100, 200, d -> Math.min(d, 130) / 7.0 - 100 / 7.0));

        List<EpisodeEvent> resolved =
                RuleBench.of(events, AlertType.WORSENING_TREND, AlertState.RESOLVED);
        assertThat(summary(events)).first().isEqualTo("WORSENING_TREND OPENED 1 d121");
        assertThat(resolved).hasSize(1);
        long day =
                Cases.dayOf(
                        java.time.Instant.ofEpochMilli(resolved.get(0).atMs()).atOffset(Cases.CET));
        assertThat(day).isBetween(131L, 158L);
    }
}

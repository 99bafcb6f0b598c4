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

    /** Rising 1 point a week from day 100 to 130, flat after: opens on day 121, then resolves. */
    private static final IntToDoubleFunction RISE_THEN_FLAT =
            d -> Math.min(d, 130) / 7.0 - 100 / 7.0;

    private static long day(EpisodeEvent e) {
        return Cases.dayOf(java.time.Instant.ofEpochMilli(e.atMs()).atOffset(Cases.CET));
    }

    /**
     * The rise then flat limb up to the day its episode resolves, then a rise again at {@code
     * pointsPerWeek} for 27 days (within the 28-day cooldown).
     */
    private static List<Reading> resolvedThenRising(double pointsPerWeek) {
        List<EpisodeEvent> first =
                RuleBench.of(WorseningTrendRule::new).feed(days(100, 200, RISE_THEN_FLAT));
        int end =
                (int)
                        day(
                                RuleBench.of(first, AlertType.WORSENING_TREND, AlertState.RESOLVED)
                                        .get(0));
        List<Reading> r = days(100, end, RISE_THEN_FLAT);
        r.addAll(days(end + 1, end + 27, d -> 30 / 7.0 + pointsPerWeek * (d - end) / 7.0));
        return r;
    }

    private static List<EpisodeEvent> opened(List<EpisodeEvent> events) {
        return RuleBench.of(events, AlertType.WORSENING_TREND, AlertState.OPENED);
    }

    private static RuleBench withoutCooldown() {
        return new RuleBench(
                Cases.patient("p-1"),
                ThresholdsJson.with(Thresholds.DEFAULT, "confirmation.reopenCooldown", 0),
                new WorseningTrendRule(Profile.of(Cases.patient("p-1"))));
    }

    @Test
    void withinFourWeeksOfResolvingTheSameSlowRiseDoesNotOpenAgain() {
        // The limb rises 1 point a week again after the episode resolved: without the cooldown a
        // second episode would open; with it, the same slow rise reaches the clinician once.
        List<Reading> r = resolvedThenRising(1);

        assertThat(opened(withoutCooldown().feed(r))).hasSize(2);
        assertThat(opened(bench.feed(r))).hasSize(1);
    }

    @Test
    void withinTheCooldownAFastRiseOpensAtLevelTwo() {
        List<EpisodeEvent> events = bench.feed(resolvedThenRising(3));

        assertThat(events).hasSize(3);
        assertThat(events.get(2).state()).isEqualTo(AlertState.OPENED);
        assertThat(events.get(2).level()).isEqualTo(2);
    }
}

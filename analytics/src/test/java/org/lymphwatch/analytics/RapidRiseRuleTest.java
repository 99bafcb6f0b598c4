package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.context;
import static org.lymphwatch.analytics.Cases.fever;
import static org.lymphwatch.analytics.Cases.rvcDays;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class RapidRiseRuleTest {

    private final RuleBench bench = RuleBench.of(RapidRiseRule::new);

    @Test
    void aRiseOfSevenPointsOnTwoEvaluationsOpensFromDayZeroAndSettles() {
        // 2 % on days 10-21 (before day 90: this rule runs from surgery on), 9 % on days 22 and
        // 23: day 23 is 7 points above the median (2 %) of days 16-22, and so was day 22. Back at
        // 2 % on days 24 and 25, within 2 points of that median twice.
        List<Reading> r = rvcDays("p-1", 10, 21, 2);
        r.addAll(rvcDays("p-1", 22, 23, 9));
        r.addAll(rvcDays("p-1", 24, 25, 2));

        List<EpisodeEvent> events = bench.feed(r);

        assertThat(summary(events))
                .containsExactly("RAPID_RISE OPENED 1 d23", "RAPID_RISE RESOLVED 1 d25");
        assertThat(events.get(0).metric()).isEqualTo("RVC_RISE");
        assertThat(events.get(0).value())
                .isEqualTo(7.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void feverMakesOneEvaluationEnoughAndOpensAtLevelTwo() {
        List<Reading> r = rvcDays("p-1", 10, 21, 2);
        r.add(context("p-1", 22, fever()));
        r.addAll(rvcDays("p-1", 22, 22, 9));

        assertThat(summary(bench.feed(r))).containsExactly("RAPID_RISE OPENED 2 d22");
    }

    @Test
    void oneHighEvaluationWithoutFeverIsNotEnough() {
        List<Reading> r = rvcDays("p-1", 10, 21, 2);
        r.addAll(rvcDays("p-1", 22, 22, 9));
        r.addAll(rvcDays("p-1", 23, 30, 2));

        assertThat(bench.feed(r)).isEmpty();
    }
}

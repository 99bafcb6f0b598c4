package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.context;
import static org.lymphwatch.analytics.Cases.fever;
import static org.lymphwatch.analytics.Cases.patient;
import static org.lymphwatch.analytics.Cases.rvcPair;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class RapidRiseRuleTest {

    private final RuleBench bench =
            new RuleBench(
                    patient("p-1"),
                    Thresholds.DEFAULT,
                    new RapidRiseRule(Profile.of(patient("p-1"))));

    private static List<Reading> days(int from, int to, double rvc) {
        List<Reading> r = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            r.addAll(rvcPair("p-1", d, rvc));
        }
        return r;
    }

    @Test
    void aRiseOfSevenPointsOnTwoEvaluationsOpensFromDayZeroAndSettles() {
        // 2 % on days 10-21 (before day 90: this rule runs from surgery on), 9 % on days 22 and
        // 23: day 23 is 7 points above the median (2 %) of days 16-22, and so was day 22. Back at
        // 2 % on days 24 and 25, within 2 points of that median twice.
        List<Reading> r = days(10, 21, 2);
        r.addAll(days(22, 23, 9));
        r.addAll(days(24, 25, 2));

        List<EpisodeEvent> events = bench.feed(r);

        assertThat(summary(events))
                .containsExactly("RAPID_RISE OPENED 1 d23", "RAPID_RISE RESOLVED 1 d25");
        assertThat(events.get(0).metric()).isEqualTo("RVC_RISE");
        assertThat(events.get(0).value())
                .isEqualTo(7.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void feverMakesOneEvaluationEnoughAndOpensAtLevelTwo() {
        List<Reading> r = days(10, 21, 2);
        r.add(context("p-1", 22, fever()));
        r.addAll(days(22, 22, 9));

        assertThat(summary(bench.feed(r))).containsExactly("RAPID_RISE OPENED 2 d22");
    }

    @Test
    void oneHighEvaluationWithoutFeverIsNotEnough() {
        List<Reading> r = days(10, 21, 2);
        r.addAll(days(22, 22, 9));
        r.addAll(days(23, 30, 2));

        assertThat(bench.feed(r)).isEmpty();
    }
}

package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.patient;
import static org.lymphwatch.analytics.Cases.rvcPair;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class LymphedemaRuleTest {

    private final RuleBench bench =
            new RuleBench(
                    patient("p-1"),
                    Thresholds.DEFAULT,
                    new LymphedemaRule(Profile.of(patient("p-1"))));

    private static List<Reading> days(int from, int to, double rvc) {
        List<Reading> r = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            r.addAll(rvcPair("p-1", d, rvc));
        }
        return r;
    }

    @Test
    void opensOnTheSecondConsecutiveReadingAtTenPercent() {
        // Days 100-110 at 2 %, then 11 % on days 111 and 112. The trend cannot confirm day 111
        // alone: its evaluations span 11 days, less than the 21 it needs.
        List<Reading> r = days(100, 110, 2);
        r.addAll(days(111, 112, 11));

        List<EpisodeEvent> events = bench.feed(r);

        assertThat(summary(events)).containsExactly("LYMPHEDEMA OPENED 1 d112");
        assertThat(events.get(0).metric()).isEqualTo("RVC");
        assertThat(events.get(0).threshold()).isEqualTo(10.0);
        assertThat(events.get(0).evidence()).hasSize(4);
    }

    @Test
    void swellingBeforeDay90IsPostOperative() {
        assertThat(bench.feed(days(30, 89, 15))).isEmpty();
    }

    @Test
    void escalatesWithIslSeverityAndResolvesAfterFourteenDaysBelowEightPercent() {
        // Open on day 101 (12 %, twice). 25 % on days 102 and 103: moderate (>= 20 %) on two
        // consecutive evaluations first on day 103. Then 5 %: every evaluation of the last 14
        // days is below 8 % once day 103's (08:05) has left the span, on day 118.
        List<Reading> r = days(100, 101, 12);
        r.addAll(days(102, 103, 25));
        r.addAll(days(104, 130, 5));

        assertThat(summary(bench.feed(r)))
                .containsExactly(
                        "LYMPHEDEMA OPENED 1 d101",
                        "LYMPHEDEMA ESCALATED 2 d103",
                        "LYMPHEDEMA RESOLVED 2 d118");
    }
}

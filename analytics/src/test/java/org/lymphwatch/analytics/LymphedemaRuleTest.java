package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.rvcDays;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class LymphedemaRuleTest {

    private final RuleBench bench = RuleBench.of(LymphedemaRule::new);

    @Test
    void opensOnTheSecondConsecutiveReadingAtTenPercent() {
        // Days 100-110 at 2 %, then 11 % on days 111 and 112. The trend cannot confirm day 111
        // alone: its evaluations span 11 days, less than the 21 it needs.
        List<Reading> r = rvcDays("p-1", 100, 110, 2);
        r.addAll(rvcDays("p-1", 111, 112, 11));

        List<EpisodeEvent> events = bench.feed(r);

        assertThat(summary(events)).containsExactly("LYMPHEDEMA OPENED 1 d112");
        assertThat(events.get(0).metric()).isEqualTo("RVC");
        assertThat(events.get(0).threshold()).isEqualTo(10.0);
        assertThat(events.get(0).evidence()).hasSize(4);
    }

    @Test
    void swellingBeforeDay90IsPostOperative() {
        assertThat(bench.feed(rvcDays("p-1", 30, 89, 15))).isEmpty();
    }

    @Test
    void escalatesWithIslSeverityAndResolvesAfterFourteenDaysBelowEightPercent() {
        // Open on day 101 (12 %, twice). 25 % on days 102 and 103: moderate (>= 20 %) on two
        // consecutive evaluations first on day 103. Then 5 %: every evaluation of the last 14
        // days is below 8 % once day 103's (08:05) has left the span, on day 118.
        List<Reading> r = rvcDays("p-1", 100, 101, 12);
        r.addAll(rvcDays("p-1", 102, 103, 25));
        r.addAll(rvcDays("p-1", 104, 130, 5));

        assertThat(summary(bench.feed(r)))
                .containsExactly(
                        "LYMPHEDEMA OPENED 1 d101",
                        "LYMPHEDEMA ESCALATED 2 d103",
                        "LYMPHEDEMA RESOLVED 2 d118");
    }

    @Test
    void withinFourWeeksOfResolvingANewEpisodeNeedsThreeReadingsAndNoTrendShortcut() {
        // Resolved on day 118 as above; 12 % again on days 140-142: opens on the third.
        List<Reading> r = rvcDays("p-1", 100, 101, 12);
        r.addAll(rvcDays("p-1", 102, 103, 25));
        r.addAll(rvcDays("p-1", 104, 139, 5));
        r.addAll(rvcDays("p-1", 140, 142, 12));

        assertThat(summary(bench.feed(r)))
                .containsExactly(
                        "LYMPHEDEMA OPENED 1 d101",
                        "LYMPHEDEMA ESCALATED 2 d103",
                        "LYMPHEDEMA RESOLVED 2 d118",
                        "LYMPHEDEMA OPENED 1 d142");
    }
}

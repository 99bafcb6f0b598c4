package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.lDex;
import static org.lymphwatch.analytics.Cases.rvcDays;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class SubclinicalRuleTest {

    private final RuleBench bench = RuleBench.of(SubclinicalRule::new);

    @Test
    void confirmedRvcOfFivePercentOpensAndFourteenDaysBelowThreeResolve() {
        // 1 % on days 100-110, 6 % on days 111 and 112: opens on day 112. From day 113 at 2 %,
        // below the 3 % hysteresis; day 112's evaluation leaves the 14-day span on day 127.
        List<Reading> r = rvcDays("p-1", 100, 110, 1);
        r.addAll(rvcDays("p-1", 111, 112, 6));
        r.addAll(rvcDays("p-1", 113, 130, 2));

        List<EpisodeEvent> events = bench.feed(r);

        assertThat(summary(events))
                .containsExactly("SUBCLINICAL OPENED 1 d112", "SUBCLINICAL RESOLVED 1 d127");
        assertThat(events.get(0).metric()).isEqualTo("RVC");
        assertThat(events.get(0).threshold()).isEqualTo(5.0);
    }

    @Test
    void lDexRiseOfSixAndAHalfFromBaselineOpensOnTwoReadings() {
        // The baseline L-Dex is 0: +7 on days 100 and 101 (PREVENT trigger 6.5).
        List<EpisodeEvent> events = bench.feed(List.of(lDex("p-1", 100, 7), lDex("p-1", 101, 7)));

        assertThat(summary(events)).containsExactly("SUBCLINICAL OPENED 1 d101");
        assertThat(events.get(0).metric()).isEqualTo("LDEX_DELTA");
        assertThat(events.get(0).threshold()).isEqualTo(6.5);
    }

    @Test
    void aSingleHighReadingIsNotConfirmed() {
        List<Reading> r = rvcDays("p-1", 100, 110, 1);
        r.addAll(rvcDays("p-1", 111, 111, 7));
        r.addAll(rvcDays("p-1", 112, 120, 1));

        assertThat(bench.feed(r)).isEmpty();
    }
}

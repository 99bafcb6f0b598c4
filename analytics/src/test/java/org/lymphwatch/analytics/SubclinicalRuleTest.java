package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.lDex;
import static org.lymphwatch.analytics.Cases.patient;
import static org.lymphwatch.analytics.Cases.rvcPair;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class SubclinicalRuleTest {

    private final RuleBench bench =
            new RuleBench(
                    patient("p-1"),
                    Thresholds.DEFAULT,
                    new SubclinicalRule(Profile.of(patient("p-1"))));

    private static List<Reading> days(int from, int to, double rvc) {
        List<Reading> r = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            r.addAll(rvcPair("p-1", d, rvc));
        }
        return r;
    }

    @Test
    void confirmedRvcOfFivePercentOpensAndFourteenDaysBelowThreeResolve() {
        // 1 % on days 100-110, 6 % on days 111 and 112: opens on day 112. From day 113 at 2 %,
        // below the 3 % hysteresis; day 112's evaluation leaves the 14-day span on day 127.
        List<Reading> r = days(100, 110, 1);
        r.addAll(days(111, 112, 6));
        r.addAll(days(113, 130, 2));

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
        List<Reading> r = days(100, 110, 1);
        r.addAll(days(111, 111, 7));
        r.addAll(days(112, 120, 1));

        assertThat(bench.feed(r)).isEmpty();
    }
}

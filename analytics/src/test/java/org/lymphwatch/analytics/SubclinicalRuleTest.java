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

    @Test
    void withinFourWeeksOfResolvingANewEpisodeNeedsThreeReadings() {
        // Opens on day 112 and resolves on day 127 as above. 6 % again on days 131-133: within
        // the 28-day cooldown, the third reading in a row opens it, not the second.
        List<Reading> r = rvcDays("p-1", 100, 110, 1);
        r.addAll(rvcDays("p-1", 111, 112, 6));
        r.addAll(rvcDays("p-1", 113, 130, 2));
        r.addAll(rvcDays("p-1", 131, 133, 6));

        List<EpisodeEvent> events = bench.feed(r);

        assertThat(summary(events))
                .containsExactly(
                        "SUBCLINICAL OPENED 1 d112",
                        "SUBCLINICAL RESOLVED 1 d127",
                        "SUBCLINICAL OPENED 1 d133");
        assertThat(events.get(2).message()).contains("on 3 readings");
        assertThat(events.get(2).evidence()).hasSize(6);
    }

    @Test
    void twoHighReadingsWithinTheCooldownAreNoise() {
        List<Reading> r = rvcDays("p-1", 100, 110, 1);
        r.addAll(rvcDays("p-1", 111, 112, 6));
        r.addAll(rvcDays("p-1", 113, 130, 2));
        r.addAll(rvcDays("p-1", 131, 132, 6));
        r.addAll(rvcDays("p-1", 133, 140, 2));

        assertThat(summary(bench.feed(r)))
                .containsExactly("SUBCLINICAL OPENED 1 d112", "SUBCLINICAL RESOLVED 1 d127");
    }

    @Test
    void afterTheCooldownTwoReadingsOpenAgain() {
        // Resolved on day 127: the cooldown ends on day 155; 6 % on days 160 and 161.
        List<Reading> r = rvcDays("p-1", 100, 110, 1);
        r.addAll(rvcDays("p-1", 111, 112, 6));
        r.addAll(rvcDays("p-1", 113, 159, 2));
        r.addAll(rvcDays("p-1", 160, 161, 6));

        assertThat(summary(bench.feed(r)))
                .containsExactly(
                        "SUBCLINICAL OPENED 1 d112",
                        "SUBCLINICAL RESOLVED 1 d127",
                        "SUBCLINICAL OPENED 1 d161");
    }

    @Test
    void lymphedemaHeldBackByItsCooldownDoesNotComeBackAsSubclinical() {
        // Both rules, as AlertRules runs them. Lymphedema (12 %) opens on day 101 and resolves
        // on day 135 (2 % from day 121). 12 % again from day 141: two readings would confirm
        // subclinical swelling, but it is the lymphedema coming back; it re-opens as such on
        // the third reading, day 143, and subclinical never opens.
        LymphedemaRule lymphedema = new LymphedemaRule(Profile.of(Cases.patient("p-1")));
        SubclinicalRule subclinical = new SubclinicalRule(Profile.of(Cases.patient("p-1")));
        RuleBench both =
                new RuleBench(
                        Cases.patient("p-1"),
                        Thresholds.DEFAULT,
                        s -> {
                            lymphedema.apply(s);
                            subclinical.apply(s);
                        });
        List<Reading> r = rvcDays("p-1", 100, 120, 12);
        r.addAll(rvcDays("p-1", 121, 140, 2));
        r.addAll(rvcDays("p-1", 141, 145, 12));

        assertThat(summary(both.feed(r)))
                .containsExactly(
                        "LYMPHEDEMA OPENED 1 d101",
                        "LYMPHEDEMA RESOLVED 1 d135",
                        "LYMPHEDEMA OPENED 1 d143");
    }
}

package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.lDex;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class MeasurementQualityRuleTest {

    private final RuleBench bench = RuleBench.of(MeasurementQualityRule::new);

    @Test
    void lDexBelowMinusTenIsFlaggedUntilTheNextSoundReading() {
        List<EpisodeEvent> events =
                bench.feed(List.of(lDex("p-1", 10, -12), lDex("p-1", 11, -11), lDex("p-1", 12, 1)));

        assertThat(summary(events))
                .containsExactly(
                        "MEASUREMENT_QUALITY OPENED 1 d10", "MEASUREMENT_QUALITY RESOLVED 1 d12");
        assertThat(events.get(0).slot()).endsWith(":LDEX");
    }

    @Test
    void aVolumeFortyPercentAboveLastWeeksIsAnImplausibleJump() {
        // The left arm at 2400 mL on days 1-10, 3400 mL (+42 %) on day 11, 2400 again on day 12.
        List<Reading> r = new ArrayList<>();
        for (int d = 1; d <= 12; d++) {
            r.addAll(Cases.pair("p-1", d, d == 11 ? 3400 : 2400, 2480));
        }

        List<EpisodeEvent> events = bench.feed(r);

        assertThat(summary(events))
                .containsExactly(
                        "MEASUREMENT_QUALITY OPENED 1 d11", "MEASUREMENT_QUALITY RESOLVED 1 d12");
        assertThat(events.get(0).slot()).endsWith(":LEFT:VOLUME_JUMP");
        assertThat(events.get(0).value())
                .isCloseTo(41.67, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void withinFourWeeksOfResolvingASingleImplausibleLDexIsNotFlaggedAgain() {
        // Flagged on day 10, resolved on day 11. A single slip on day 20, corrected on day 21,
        // stays out of the inbox; two in a row (days 30 and 31) are a problem the patient has not
        // solved alone and are flagged.
        List<EpisodeEvent> events =
                bench.feed(
                        List.of(
                                lDex("p-1", 10, -12),
                                lDex("p-1", 11, 1),
                                lDex("p-1", 20, -13),
                                lDex("p-1", 21, 1),
                                lDex("p-1", 30, -12),
                                lDex("p-1", 31, -14),
                                lDex("p-1", 32, 1)));

        assertThat(summary(events))
                .containsExactly(
                        "MEASUREMENT_QUALITY OPENED 1 d10",
                        "MEASUREMENT_QUALITY RESOLVED 1 d11",
                        "MEASUREMENT_QUALITY OPENED 1 d31",
                        "MEASUREMENT_QUALITY RESOLVED 1 d32");
    }
}

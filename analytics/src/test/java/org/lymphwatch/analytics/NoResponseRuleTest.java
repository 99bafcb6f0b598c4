package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.context;
import static org.lymphwatch.analytics.Cases.massage;
import static org.lymphwatch.analytics.Cases.rvcPair;
import static org.lymphwatch.analytics.RuleBench.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;

class NoResponseRuleTest {

    private final RuleBench bench = RuleBench.of(NoResponseRule::new);

    /** Daily pairs on days 100-150 at {@code rvc(day)}; a massage session at 07:00 on 110-129. */
    private static List<Reading> course(IntToDoubleFunction rvc) {
        List<Reading> r = new ArrayList<>();
        for (int d = 100; d <= 150; d++) {
            if (d >= 110 && d <= 129) {
                r.add(context("p-1", d - 1 / 24.0, massage()));
            }
            r.addAll(rvcPair("p-1", d, rvc.applyAsDouble(d)));
        }
        return r;
    }

    @Test
    void aCourseThatChangesNothingIsFlaggedOnceFourWeeksAfterItBegan() {
        // The course starts on day 110 at 07:00 with the limb at 8 %; it is judged from 28 days
        // later, the pair of day 138, and nothing of the excess has gone.
        List<EpisodeEvent> events = bench.feed(course(d -> 8));

        assertThat(summary(events)).containsExactly("NO_RESPONSE OPENED 1 d138");
        assertThat(events.get(0).metric()).isEqualTo("RVC_REDUCTION_PCT");
        assertThat(events.get(0).threshold()).isEqualTo(15.0);
    }

    @Test
    void aLimbThatShrinksDuringTheCourseResponded() {
        // 8 % falling to 4 % over the course: half the excess gone.
        assertThat(bench.feed(course(d -> d < 110 ? 8 : Math.max(4, 8 - (d - 110) / 5.0))))
                .isEmpty();
    }
}

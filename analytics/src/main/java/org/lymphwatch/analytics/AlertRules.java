package org.lymphwatch.analytics;

import java.util.List;
import org.lymphwatch.analytics.trend.SwellingTrend;

/**
 * The alert rules of DESIGN section 4, one {@link AlertRule} per alert type (STALE_DATA, which
 * follows the clock rather than readings, is in {@link PatientMonitor}), applied to one reading at
 * a time in event-time order. A step sees only the readings up to and including its own, and looks
 * back at most {@link Thresholds#lookback()}: that is what makes a late re-evaluation reach the
 * decisions an on-time evaluation would have reached. docs/alert-rules.md describes each rule.
 */
final class AlertRules {

    private final Profile profile;
    private final Thresholds t;
    private final Timeline timeline;

    /**
     * In the order they see each reading: quality first, so a flagged reading is known before the
     * swelling rules; LYMPHEDEMA before SUBCLINICAL, which it supersedes.
     */
    private final List<AlertRule> rules;

    /** Window of volume evaluations every rule finds its own within. */
    private final long volumeWindowMs;

    AlertRules(Profile profile, Thresholds t, Timeline timeline) {
        this.profile = profile;
        this.t = t;
        this.timeline = timeline;
        this.rules =
                List.of(
                        new MeasurementQualityRule(profile),
                        new RapidRiseRule(profile),
                        new LymphedemaRule(profile),
                        new SubclinicalRule(profile),
                        new WorseningTrendRule(profile),
                        new NoResponseRule(profile));
        this.volumeWindowMs = volumeWindowMs(t);
    }

    boolean isFor(Profile profile, Thresholds thresholds) {
        return this.profile == profile && this.t == thresholds;
    }

    /** The longest window of volume evaluations any rule looks at. */
    static long volumeWindowMs(Thresholds t) {
        return Math.max(
                Math.max(t.confirmation().window().toMillis(), t.trend().window().toMillis()),
                2 * t.rapidRise().reference().toMillis());
    }

    record Step(AlertStateMachine after, List<EpisodeEvent> events) {}

    /** Applies point {@code i} of the timeline to the machine as it stood before it. */
    Step step(AlertStateMachine before, int i) {
        RuleStep s = new RuleStep(profile, t, timeline, volumeWindowMs, before, i);
        for (AlertRule r : rules) {
            r.elapse(s);
        }
        for (AlertRule r : rules) {
            r.apply(s);
        }
        return s.result(before);
    }

    static double median(List<Evaluation> evals) {
        double[] v = new double[evals.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = evals.get(k).swellingPct();
        }
        return Timeline.median(v);
    }

    static SwellingTrend fit(List<Evaluation> evals, long windowStartMs) {
        int n = evals.size();
        long[] at = new long[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            at[k] = evals.get(k).atMs();
            v[k] = evals.get(k).swellingPct();
        }
        return SwellingTrend.fit(windowStartMs, at, v, n);
    }
}

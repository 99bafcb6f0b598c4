package org.lymphwatch.analytics;

import static org.lymphwatch.analytics.SwellingLevels.LYMPHEDEMA;
import static org.lymphwatch.analytics.SwellingLevels.NONE;

import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.analytics.AlertMessages.SwellingTrendText;
import org.lymphwatch.analytics.trend.SwellingTrend;

/**
 * What the evaluations of the confirmation window show at one step, for SUBCLINICAL and LYMPHEDEMA:
 * the volume and bioimpedance evaluations since the rules started (at most one confirmation window
 * back), what each kind confirms, and whether the limb is clear by the hysteresis thresholds over
 * the resolve span.
 */
final class SwellingFindings {

    /** What one kind of evaluation (volume or bioimpedance) confirms at a step. */
    record Finding(
            int level,
            Evaluation deciding,
            List<Evaluation> confirming,
            SwellingTrend trend,
            int severity) {
        static final Finding NOTHING = new Finding(NONE, null, List.of(), null, 0);
    }

    final SwellingLevels levels;
    final List<Evaluation> vol;
    final List<Evaluation> bis;

    /** What the volume evaluations confirm; what either kind confirms, the higher level. */
    final Finding volume;

    final Finding either;

    /** What either kind confirms by the stricter re-opening test; computed when first asked. */
    private Finding sustained;

    private final RuleStep s;

    /**
     * Whether the step's reading is one SUBCLINICAL and LYMPHEDEMA are judged at: a completed pair
     * of volumes or a plausible bioimpedance reading, once the rules have started.
     */
    static boolean due(RuleStep s) {
        if (!s.rulesOn) {
            return false;
        }
        return switch (s.p.kind()) {
            case VOLUME -> s.p.completesPair();
            case BIOIMPEDANCE -> !Timeline.lDexImplausible(s.p, s.t);
            case CONTEXT -> false;
        };
    }

    SwellingFindings(RuleStep s) {
        this.s = s;
        this.levels = new SwellingLevels(s.profile, s.t);
        long from =
                Math.max(
                        s.profile.rulesStartMs(s.t),
                        s.now - s.t.confirmation().window().toMillis());
        this.vol = s.volumeSince(from);
        this.bis = s.timeline.bioimpedanceEvaluations(from, s.i, s.profile, s.t);
        this.volume = confirm(vol, true, false);
        this.either = higher(confirm(bis, false, false), volume);
    }

    private static Finding higher(Finding a, Finding b) {
        return a.level > b.level ? a : b;
    }

    /**
     * What a new episode of {@code slot} may open on: {@link #either}, or within the reopen
     * cooldown after an episode of the slot resolved, only {@link
     * Thresholds.Confirmation#reopenEvaluations()} evaluations of one kind in a row (the trend
     * cannot stand in for them).
     */
    Finding opening(String slot) {
        if (!s.coolingDown(slot)) {
            return either;
        }
        if (sustained == null) {
            sustained = higher(confirm(bis, false, true), confirm(vol, true, true));
        }
        return sustained;
    }

    /**
     * Two consecutive evaluations of one kind at or above a level confirm it; so does the latest
     * volume evaluation alone when the volume trend rises significantly. Re-opening within the
     * cooldown, only {@link Thresholds.Confirmation#reopenEvaluations()} consecutive evaluations
     * do.
     */
    private Finding confirm(List<Evaluation> evals, boolean isVolume, boolean reopening) {
        // A re-opening never needs less than a first opening.
        int needed = reopening ? Math.max(2, s.t.confirmation().reopenEvaluations()) : 2;
        int n = evals.size();
        if (n == 0) {
            return Finding.NOTHING;
        }
        Evaluation last = evals.get(n - 1);
        int lastLevel = levels.level(last, false);
        int confirmed = NONE;
        int severity = 0;
        List<Evaluation> confirming = List.of(last);
        if (n >= needed) {
            confirming = List.copyOf(evals.subList(n - needed, n));
            confirmed = lastLevel;
            severity = Integer.MAX_VALUE;
            for (Evaluation e : confirming) {
                confirmed = Math.min(confirmed, levels.level(e, false));
                severity = Math.min(severity, levels.severity(e));
            }
        }
        SwellingTrend trend = null;
        if (!reopening && isVolume && lastLevel > confirmed && s.trendConfirms()) {
            confirmed = lastLevel;
            confirming = List.of(last);
            trend = s.ruleTrend();
            severity = levels.severity(last);
        }
        if (!isVolume) {
            severity = confirmed >= LYMPHEDEMA ? 1 : 0;
        }
        return new Finding(confirmed, last, confirming, trend, severity);
    }

    /**
     * Every evaluation of the last {@link Thresholds.Confirmation#resolveSpan()}, of every kind, is
     * below the level by the resolve thresholds, and there are at least two of one kind.
     */
    boolean clear(int level) {
        int most = 0;
        for (List<Evaluation> evals : List.of(vol, bis)) {
            List<Evaluation> span = resolveSpan(evals);
            for (Evaluation e : span) {
                if (levels.level(e, true) >= level) {
                    return false;
                }
            }
            most = Math.max(most, span.size());
        }
        return most >= 2;
    }

    private List<Evaluation> resolveSpan(List<Evaluation> evals) {
        long from = s.now - s.t.confirmation().resolveSpan().toMillis();
        int k = evals.size();
        while (k > 0 && evals.get(k - 1).atMs() >= from) {
            k--;
        }
        return evals.subList(k, evals.size());
    }

    Evaluation latest() {
        if (vol.isEmpty()) {
            return bis.get(bis.size() - 1);
        }
        if (bis.isEmpty()) {
            return vol.get(vol.size() - 1);
        }
        Evaluation v = vol.get(vol.size() - 1);
        Evaluation b = bis.get(bis.size() - 1);
        return v.point().compareTo(b.point()) >= 0 ? v : b;
    }

    /** The evaluations of the resolve span, the evidence of a resolution. */
    List<Evaluation> recent() {
        List<Evaluation> r = new ArrayList<>(resolveSpan(vol));
        r.addAll(resolveSpan(bis));
        return r;
    }

    /** Resolves an episode of this level: the limb has been clear over the resolve span. */
    void resolve(AlertEpisode ep, int level) {
        Evaluation last = latest();
        s.resolve(
                ep,
                levels.resolvedCriterion(last, level),
                AlertMessages.swellingResolved(
                        s.atRiskLimb(), describe(last), s.t.confirmation().resolveSpan()),
                RuleStep.ids(recent()));
    }

    private static String describe(Evaluation e) {
        if (e.isVolume()) {
            return (Double.isNaN(e.rvcPct())
                            ? "an inter-limb volume difference of "
                            : "a relative volume change of ")
                    + AlertMessages.n(e.swellingPct())
                    + " %";
        }
        return "L-Dex " + AlertMessages.n(e.lDex());
    }

    String confirmationText(Finding f) {
        return AlertMessages.confirmation(
                f.confirming.size(), f.trend == null ? null : SwellingTrendText.of(f.trend));
    }

    List<String> evidence(Finding f) {
        List<String> ids = RuleStep.ids(f.confirming);
        if (f.trend != null) {
            ids = RuleStep.merge(ids, RuleStep.ids(s.trendEvaluations()));
        }
        return ids;
    }
}

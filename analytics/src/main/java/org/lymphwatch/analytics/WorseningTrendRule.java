package org.lymphwatch.analytics;

import org.lymphwatch.analytics.AlertMessages.SwellingTrendText;
import org.lymphwatch.analytics.trend.SwellingTrend;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Side;

/**
 * WORSENING_TREND: opens when the rolling trend of the swelling metric qualifies (enough
 * evaluations over enough of the window) and rises at least {@code alertSlopePctPerWeek} at
 * significance {@code alertP}, at level 2 when at least {@code escalateSlopePctPerWeek}; escalates
 * to level 2 at that slope; resolves when the slope falls below {@code resolveSlopePctPerWeek} or
 * its p rises to {@code resolveP}. Judged at every completed pair of volumes once the rules have
 * started. Within the reopen cooldown after an episode resolved, only a rise at the escalation
 * slope opens a new one.
 */
final class WorseningTrendRule implements AlertRule {

    private final String slot;

    WorseningTrendRule(Profile profile) {
        this.slot = AlertIds.atRiskSlot(AlertType.WORSENING_TREND, profile);
    }

    @Override
    public void apply(RuleStep s) {
        if (!s.rulesOn || s.p.kind() != Point.Kind.VOLUME || !s.p.completesPair()) {
            return;
        }
        SwellingTrend tr = s.ruleTrend();
        Side side = s.profile.atRiskSide();
        String where = s.atRiskLimb();
        AlertEpisode ep = s.episode(slot);
        Thresholds.Trend tt = s.t.trend();
        boolean qualifies = s.trendQualifies(tr);
        boolean rising = qualifies && tr.risingAtLeast(tt.alertSlopePctPerWeek(), tt.alertP());
        boolean fast = rising && tr.slopePctPerWeek() >= tt.escalateSlopePctPerWeek();
        if (ep == null) {
            // Within the reopen cooldown the same slow rise is the episode just resolved, seen
            // again through overlapping windows: only a fast one is news.
            if (s.coolingDown(slot) ? fast : rising) {
                SwellingTrendText text = SwellingTrendText.of(tr);
                s.open(
                        AlertType.WORSENING_TREND,
                        side,
                        null,
                        fast ? 2 : 1,
                        new Criterion(
                                "TREND_SLOPE",
                                tr.slopePctPerWeek(),
                                fast ? tt.escalateSlopePctPerWeek() : tt.alertSlopePctPerWeek()),
                        fast
                                ? AlertMessages.trendEscalated(where, text)
                                : AlertMessages.trendOpened(where, text, tt.alertSlopePctPerWeek()),
                        RuleStep.ids(s.trendEvaluations()),
                        Double.NaN,
                        0);
            }
        } else if (fast && ep.level() < 2) {
            s.escalate(
                    ep,
                    2,
                    new Criterion(
                            "TREND_SLOPE", tr.slopePctPerWeek(), tt.escalateSlopePctPerWeek()),
                    AlertMessages.trendEscalated(where, SwellingTrendText.of(tr)),
                    RuleStep.ids(s.trendEvaluations()));
        } else if (qualifies && !tr.risingAtLeast(tt.resolveSlopePctPerWeek(), tt.resolveP())) {
            s.resolve(
                    ep,
                    new Criterion("TREND_SLOPE", tr.slopePctPerWeek(), tt.resolveSlopePctPerWeek()),
                    AlertMessages.trendResolved(where, SwellingTrendText.of(tr)),
                    RuleStep.ids(s.trendEvaluations()));
        }
    }
}

package org.lymphwatch.analytics;

import static org.lymphwatch.analytics.SwellingLevels.LYMPHEDEMA;
import static org.lymphwatch.analytics.SwellingLevels.SUBCLINICAL;

import org.lymphwatch.model.AlertType;

/**
 * SUBCLINICAL: opens when RVC ≥ 5 % or an L-Dex rise ≥ 6.5 is confirmed and no LYMPHEDEMA episode
 * is open (runs after {@link LymphedemaRule}, which resolves it as superseded when lymphedema
 * opens); resolves when every evaluation of the resolve span is below the hysteresis thresholds.
 * Within the reopen cooldown after an episode resolved (superseded included), a new one needs the
 * stricter confirmation of {@link SwellingFindings#opening}.
 */
final class SubclinicalRule implements AlertRule {

    private final String slot;
    private final String lymphedemaSlot;

    SubclinicalRule(Profile profile) {
        this.slot = AlertIds.atRiskSlot(AlertType.SUBCLINICAL, profile);
        this.lymphedemaSlot = AlertIds.atRiskSlot(AlertType.LYMPHEDEMA, profile);
    }

    @Override
    public void apply(RuleStep s) {
        if (!SwellingFindings.due(s)) {
            return;
        }
        SwellingFindings sw = s.swelling();
        AlertEpisode sub = s.episode(slot);
        // Lymphedema that its own cooldown holds back is that episode coming back: it must not
        // reach the inbox as a subclinical one meanwhile.
        boolean heldBack = s.coolingDown(lymphedemaSlot) && sw.either.level() >= LYMPHEDEMA;
        SwellingFindings.Finding f = sw.opening(slot);
        if (s.episode(lymphedemaSlot) == null
                && sub == null
                && !heldBack
                && f.level() >= SUBCLINICAL) {
            Criterion c = sw.levels.criterion(f.deciding(), SUBCLINICAL, false);
            s.open(
                    AlertType.SUBCLINICAL,
                    s.profile.atRiskSide(),
                    null,
                    1,
                    c,
                    AlertMessages.subclinical(s.atRiskLimb(), c.text(), sw.confirmationText(f)),
                    sw.evidence(f),
                    Double.NaN,
                    0);
        } else if (sub != null && sw.clear(SUBCLINICAL)) {
            sw.resolve(sub, SUBCLINICAL);
        }
    }
}

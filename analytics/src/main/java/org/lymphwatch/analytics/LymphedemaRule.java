package org.lymphwatch.analytics;

import static org.lymphwatch.analytics.SwellingLevels.LYMPHEDEMA;

import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Side;

/**
 * LYMPHEDEMA: opens when a lymphedema criterion is confirmed (RVC ≥ 10 %; without baseline ILVD ≥
 * 10 % or, arms only, ≥ 200 mL; L-Dex > 10; arms only, the R0 ratio), replacing an open SUBCLINICAL
 * episode; escalates with the ISL severity of the volume excess (moderate 20 %, severe 40 %);
 * resolves when every evaluation of the resolve span is below the hysteresis thresholds. Within the
 * reopen cooldown after an episode resolved, a new one needs the stricter confirmation of {@link
 * SwellingFindings#opening}.
 */
final class LymphedemaRule implements AlertRule {

    private final String slot;
    private final String subclinicalSlot;

    LymphedemaRule(Profile profile) {
        this.slot = AlertIds.atRiskSlot(AlertType.LYMPHEDEMA, profile);
        this.subclinicalSlot = AlertIds.atRiskSlot(AlertType.SUBCLINICAL, profile);
    }

    @Override
    public void apply(RuleStep s) {
        if (!SwellingFindings.due(s)) {
            return;
        }
        SwellingFindings sw = s.swelling();
        SwellingFindings.Finding fv = sw.volume;
        Side side = s.profile.atRiskSide();
        String where = s.atRiskLimb();
        AlertEpisode lymph = s.episode(slot);
        SwellingFindings.Finding f = lymph == null ? sw.opening(slot) : null;
        if (lymph == null && f.level() >= LYMPHEDEMA) {
            Criterion c = sw.levels.criterion(f.deciding(), LYMPHEDEMA, false);
            lymph =
                    s.open(
                            AlertType.LYMPHEDEMA,
                            side,
                            null,
                            Math.max(1, f.severity()),
                            c,
                            AlertMessages.lymphedema(where, c.text(), sw.confirmationText(f)),
                            sw.evidence(f),
                            Double.NaN,
                            0);
            AlertEpisode sub = s.episode(subclinicalSlot);
            if (sub != null) {
                s.resolve(sub, c, AlertMessages.progressed(where, lymph.alertId()), sw.evidence(f));
            }
        } else if (lymph != null) {
            if (sw.clear(LYMPHEDEMA)) {
                sw.resolve(lymph, LYMPHEDEMA);
            } else if (fv.severity() > lymph.level()) {
                Thresholds.Volume v = s.t.volume();
                double th = fv.severity() >= 3 ? v.severePct() : v.moderatePct();
                Evaluation e = fv.deciding();
                s.escalate(
                        lymph,
                        fv.severity(),
                        new Criterion(e.swellingMetric(), e.swellingPct(), th),
                        AlertMessages.severity(where, fv.severity(), e.swellingPct(), th),
                        sw.evidence(fv));
            }
        }
    }
}

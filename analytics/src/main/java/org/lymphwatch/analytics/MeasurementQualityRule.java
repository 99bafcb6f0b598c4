package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Side;

/**
 * MEASUREMENT_QUALITY from readings (flag, do not alarm): {@code VOLUME_JUMP} when a limb volume is
 * more than {@code implausibleJumpPct} from the median of that limb's recent volumes (the reading
 * is kept out of the metrics), resolved by the next plausible volume of that limb; {@code LDEX}
 * when L-Dex is below {@code lDexBelow}, resolved by the next L-Dex at or above it; within the
 * reopen cooldown after such an episode resolved, only two implausible L-Dex readings in a row open
 * a new one. From day 0. (Device clock and wrong-limb problems are decided where readings are
 * skipped, in {@link PatientMonitor}.)
 */
final class MeasurementQualityRule implements AlertRule {

    private final String lDexSlot;
    private final String[] jumpSlots = new String[Side.values().length];

    MeasurementQualityRule(Profile profile) {
        this.lDexSlot =
                AlertIds.slot(
                        AlertType.MEASUREMENT_QUALITY,
                        profile.limb(),
                        profile.atRiskSide(),
                        "LDEX");
        for (Side s : Side.values()) {
            jumpSlots[s.ordinal()] =
                    AlertIds.slot(AlertType.MEASUREMENT_QUALITY, profile.limb(), s, "VOLUME_JUMP");
        }
    }

    @Override
    public void apply(RuleStep s) {
        switch (s.p.kind()) {
            case VOLUME -> volume(s);
            case BIOIMPEDANCE -> lDex(s);
            case CONTEXT -> {}
        }
    }

    private void volume(RuleStep s) {
        Point p = s.p;
        AlertEpisode ep = s.episode(jumpSlots[p.side().ordinal()]);
        String where = AlertMessages.limb(s.profile.limb(), p.side());
        double limit = s.t.quality().implausibleJumpPct();
        if (p.implausible() && ep == null) {
            List<Point> ref = s.timeline.jumpReference(s.i, s.t);
            double median = Timeline.medianVolume(ref);
            double pct = (p.volumeMl() - median) / median * 100;
            List<String> ev = new ArrayList<>();
            ref.forEach(q -> ev.add(q.readingId()));
            ev.add(p.readingId());
            s.open(
                    AlertType.MEASUREMENT_QUALITY,
                    p.side(),
                    "VOLUME_JUMP",
                    1,
                    new Criterion("VOLUME_JUMP_PCT", pct, limit),
                    AlertMessages.jump(where, p.volumeMl(), median, Math.abs(pct), limit),
                    ev,
                    Double.NaN,
                    0);
        } else if (!p.implausible() && ep != null) {
            s.resolve(ep, null, AlertMessages.jumpResolved(where), List.of(p.readingId()));
        }
    }

    private void lDex(RuleStep s) {
        Point p = s.p;
        if (Double.isNaN(p.lDex())) {
            return;
        }
        AlertEpisode ep = s.episode(lDexSlot);
        double below = s.t.quality().lDexBelow();
        if (p.lDex() < below && ep == null && (!s.coolingDown(lDexSlot) || repeated(s, below))) {
            s.open(
                    AlertType.MEASUREMENT_QUALITY,
                    s.profile.atRiskSide(),
                    "LDEX",
                    1,
                    new Criterion("LDEX", p.lDex(), below),
                    AlertMessages.lDexQuality(p.lDex(), below),
                    List.of(p.readingId()),
                    Double.NaN,
                    0);
        } else if (p.lDex() >= below && ep != null) {
            s.resolve(
                    ep,
                    new Criterion("LDEX", p.lDex(), below),
                    AlertMessages.lDexQualityResolved(p.lDex()),
                    List.of(p.readingId()));
        }
    }

    /**
     * The L-Dex reading before this one was implausible too. Within the reopen cooldown a single
     * slip of the leads, which the patient's next reading corrects, is not flagged again.
     */
    private static boolean repeated(RuleStep s, double below) {
        for (int k = s.i - 1; k >= 0; k--) {
            Point q = s.timeline.get(k);
            if (q.is(Point.Kind.BIOIMPEDANCE) && !Double.isNaN(q.lDex())) {
                return q.lDex() < below;
            }
        }
        return false;
    }
}

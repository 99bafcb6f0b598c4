package org.lymphwatch.analytics;

import org.lymphwatch.analytics.metrics.R0Ratio;
import org.lymphwatch.model.Limb;

/**
 * What one evaluation shows on its own: no swelling, subclinical or lymphedema, by the opening
 * thresholds or, for resolution, the lower hysteresis thresholds; and the ISL severity of a volume
 * excess.
 */
final class SwellingLevels {

    static final int NONE = 0;
    static final int SUBCLINICAL = 1;
    static final int LYMPHEDEMA = 2;

    private final Profile profile;
    private final Thresholds t;

    SwellingLevels(Profile profile, Thresholds t) {
        this.profile = profile;
        this.t = t;
    }

    /**
     * The first criterion of {@code e} at or above {@code level}, by the opening thresholds or, for
     * resolution, the lower hysteresis thresholds; {@code null} when none is met.
     */
    Criterion criterion(Evaluation e, int level, boolean resolve) {
        Thresholds.Volume v = t.volume();
        Thresholds.Bioimpedance b = t.bioimpedance();
        if (e.isVolume()) {
            if (!Double.isNaN(e.rvcPct())) {
                double lymph = resolve ? v.rvcLymphedemaResolvePct() : v.rvcLymphedemaPct();
                double sub = resolve ? v.rvcSubclinicalResolvePct() : v.rvcSubclinicalPct();
                double th = level >= LYMPHEDEMA ? lymph : sub;
                return e.rvcPct() >= th ? new Criterion("RVC", e.rvcPct(), th) : null;
            }
            if (level < LYMPHEDEMA) {
                return null;
            }
            double pct = resolve ? v.ilvdResolvePct() : v.ilvdLymphedemaPct();
            if (e.ilvdPct() >= pct) {
                return new Criterion("ILVD_PCT", e.ilvdPct(), pct);
            }
            double ml = resolve ? v.ilvdResolveMl() : v.ilvdLymphedemaMl();
            if (profile.limb() == Limb.ARM && e.ilvdMl() >= ml) {
                return new Criterion("ILVD", e.ilvdMl(), ml);
            }
            return null;
        }
        if (level >= LYMPHEDEMA) {
            double lDex = resolve ? b.lDexLymphedemaResolve() : b.lDexLymphedema();
            if (e.lDex() > lDex) {
                return new Criterion("LDEX", e.lDex(), lDex);
            }
            double ratio =
                    R0Ratio.threshold(
                            profile.dominantSideAtRisk(),
                            b.r0RatioNonDominant(),
                            b.r0RatioDominant());
            if (resolve) {
                ratio -= b.r0RatioResolveMargin();
            }
            // The R0 thresholds come from arm studies.
            if (profile.limb() == Limb.ARM && e.r0Ratio() > ratio) {
                return new Criterion("R0_RATIO", e.r0Ratio(), ratio);
            }
            return null;
        }
        double delta = resolve ? b.lDexDeltaResolve() : b.lDexDeltaSubclinical();
        if (e.lDexDelta() >= delta) {
            return new Criterion("LDEX_DELTA", e.lDexDelta(), delta);
        }
        return criterion(e, LYMPHEDEMA, resolve);
    }

    int level(Evaluation e, boolean resolve) {
        if (criterion(e, LYMPHEDEMA, resolve) != null) {
            return LYMPHEDEMA;
        }
        return criterion(e, SUBCLINICAL, resolve) != null ? SUBCLINICAL : NONE;
    }

    /** ISL severity of a volume evaluation: 1 mild, 2 moderate, 3 severe. */
    int severity(Evaluation e) {
        double pct = e.swellingPct();
        if (pct >= t.volume().severePct()) {
            return 3;
        }
        return pct >= t.volume().moderatePct() ? 2 : 1;
    }

    /** The hysteresis threshold {@code e} was judged clear by, for the RESOLVED event. */
    Criterion resolvedCriterion(Evaluation e, int level) {
        if (e.isVolume()) {
            boolean rvc = !Double.isNaN(e.rvcPct());
            Thresholds.Volume v = t.volume();
            double th =
                    rvc
                            ? (level >= LYMPHEDEMA
                                    ? v.rvcLymphedemaResolvePct()
                                    : v.rvcSubclinicalResolvePct())
                            : v.ilvdResolvePct();
            return new Criterion(e.swellingMetric(), e.swellingPct(), th);
        }
        Thresholds.Bioimpedance b = t.bioimpedance();
        return level >= LYMPHEDEMA || Double.isNaN(e.lDexDelta())
                ? new Criterion("LDEX", e.lDex(), b.lDexLymphedemaResolve())
                : new Criterion("LDEX_DELTA", e.lDexDelta(), b.lDexDeltaResolve());
    }
}

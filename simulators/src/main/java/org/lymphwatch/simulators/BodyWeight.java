package org.lymphwatch.simulators;

import java.util.Optional;

/**
 * Body weight relative to the day of surgery, as a factor that scales both arms alike: a slow drift
 * of about 1% (mean-reverting over two months) and, for one patient in five, a gain or loss of
 * 3-10% over two to six months (e.g. during chemotherapy). The relative volume change cancels it;
 * the inter-limb difference in mL does not.
 */
final class BodyWeight {

    private static final double DRIFT_SD = 0.01;
    private static final double DRIFT_DAYS = 60;
    private static final double CHANGE_SHARE = 0.2;

    private final double[] factor;
    private final Episode change;

    private BodyWeight(double[] factor, Episode change) {
        this.factor = factor;
        this.change = change;
    }

    static BodyWeight draw(int days, Dice dice) {
        double[] factor = new double[days];
        Episode change = null;
        double amount = 0;
        if (dice.chance(CHANGE_SHARE)) {
            int from = dice.between(60, 600);
            int ramp = dice.between(60, 180);
            amount = (dice.chance(0.5) ? 1 : -1) * dice.uniform(0.03, 0.10);
            change = new Episode(EpisodeType.WEIGHT_CHANGE, from, from + ramp);
        }
        double drift = 0;
        double step = DRIFT_SD * Math.sqrt(2 / DRIFT_DAYS);
        for (int d = 0; d < days; d++) {
            double changed = change == null ? 0 : amount * change.progress(d);
            factor[d] = Math.exp(drift) * (1 + changed);
            drift = drift * (1 - 1 / DRIFT_DAYS) + dice.normal(0, step);
        }
        return new BodyWeight(factor, change != null && change.fromDay() < days ? change : null);
    }

    double factor(int day) {
        return factor[day];
    }

    Optional<Episode> change() {
        return Optional.ofNullable(change);
    }
}

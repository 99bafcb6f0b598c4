package org.lymphwatch.simulators;

import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;

/**
 * A patient's monitored limbs (both arms or both legs) on the day of surgery, free of measurement
 * error: volumes, shapes, R0, and how much both limbs swell over a day.
 *
 * @param nonDominantMl volume of the non-dominant limb: an arm from the adult range 1.3-6.9 L; a
 *     leg (ankle to upper thigh, about 60-76 cm) around 8.5 L, 4.5-16 L
 * @param dominance how much larger the dominant limb is: healthy arms differ by up to ~4% (legs
 *     alike, by the same draw)
 * @param diurnalAmplitude how much larger both arms are in the evening than on waking, 1-3%
 * @param r0NonDominantOhm resistance at zero frequency of the non-dominant arm
 * @param r0Dominance how much lower the dominant arm's R0 is (more fluid, more muscle)
 */
record Physiology(
        Limb limb,
        Side dominantSide,
        double nonDominantMl,
        double dominance,
        double diurnalAmplitude,
        double r0NonDominantOhm,
        double r0Dominance,
        LimbShape left,
        LimbShape right) {

    private static final double MIN_ARM_ML = 1300;
    private static final double MAX_ARM_ML = 6900;
    private static final double MIN_LEG_ML = 4500;
    private static final double MAX_LEG_ML = 16000;
    private static final double MAX_DOMINANCE = 0.04;

    /** Arms and legs draw in the same order, so an arm cohort stays what it always was. */
    static Physiology draw(Limb limb, Dice dice) {
        boolean leg = limb == Limb.LEG;
        Side dominant = dice.chance(0.9) ? Side.RIGHT : Side.LEFT;
        double dominance = Math.max(0, Math.min(MAX_DOMINANCE, dice.normal(0.02, 0.01)));
        double drawn = leg ? dice.logNormal(8500, 0.2) : dice.logNormal(2300, 0.25);
        double nonDominant =
                Math.max(
                        leg ? MIN_LEG_ML : MIN_ARM_ML,
                        Math.min((leg ? MAX_LEG_ML : MAX_ARM_ML) / (1 + MAX_DOMINANCE), drawn));
        double diurnal = dice.uniform(0.01, 0.03);
        double r0 = Math.max(250, Math.min(600, dice.normal(380, 45)));
        double r0Dominance = Math.max(0, dice.normal(LDex.MEAN_DOMINANCE_RATIO - 1, 0.01));
        double spanCm = leg ? dice.uniform(60, 76) : dice.uniform(36, 48);
        int points = (int) (spanCm / LimbShape.INTERVAL_CM) + 1;
        double[] personal = LimbShape.personal(dice);
        return new Physiology(
                limb,
                dominant,
                nonDominant,
                dominance,
                diurnal,
                r0,
                r0Dominance,
                LimbShape.draw(limb, points, personal, dice),
                LimbShape.draw(limb, points, personal, dice));
    }

    double volumeMl(Side side) {
        return side == dominantSide ? nonDominantMl * (1 + dominance) : nonDominantMl;
    }

    double r0Ohm(Side side) {
        return side == dominantSide ? r0NonDominantOhm / (1 + r0Dominance) : r0NonDominantOhm;
    }

    LimbShape shape(Side side) {
        return side == Side.LEFT ? left : right;
    }
}

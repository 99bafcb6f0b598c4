package org.lymphwatch.simulators;

import org.lymphwatch.model.Side;

/**
 * A patient's arms on the day of surgery, free of measurement error: volumes, shapes, R0, and how
 * much both arms swell over a day.
 *
 * @param nonDominantMl volume of the non-dominant arm, drawn from the adult range 1.3-6.9 L
 * @param dominance how much larger the dominant arm is: healthy arms differ by up to ~4%
 * @param diurnalAmplitude how much larger both arms are in the evening than on waking, 1-3%
 * @param r0NonDominantOhm resistance at zero frequency of the non-dominant arm
 * @param r0Dominance how much lower the dominant arm's R0 is (more fluid, more muscle)
 */
record Physiology(
        Side dominantSide,
        double nonDominantMl,
        double dominance,
        double diurnalAmplitude,
        double r0NonDominantOhm,
        double r0Dominance,
        ArmShape left,
        ArmShape right) {

    private static final double MIN_ARM_ML = 1300;
    private static final double MAX_ARM_ML = 6900;
    private static final double MAX_DOMINANCE = 0.04;

    static Physiology draw(Dice dice) {
        Side dominant = dice.chance(0.9) ? Side.RIGHT : Side.LEFT;
        double dominance = Math.max(0, Math.min(MAX_DOMINANCE, dice.normal(0.02, 0.01)));
        double nonDominant =
                Math.max(
                        MIN_ARM_ML,
                        Math.min(MAX_ARM_ML / (1 + MAX_DOMINANCE), dice.logNormal(2300, 0.25)));
        double diurnal = dice.uniform(0.01, 0.03);
        double r0 = Math.max(250, Math.min(600, dice.normal(380, 45)));
        double r0Dominance = Math.max(0, dice.normal(LDex.MEAN_DOMINANCE_RATIO - 1, 0.01));
        int points = (int) (dice.uniform(36, 48) / ArmShape.INTERVAL_CM) + 1;
        double[] personal = ArmShape.personal(dice);
        return new Physiology(
                dominant,
                nonDominant,
                dominance,
                diurnal,
                r0,
                r0Dominance,
                ArmShape.draw(points, personal, dice),
                ArmShape.draw(points, personal, dice));
    }

    double volumeMl(Side side) {
        return side == dominantSide ? nonDominantMl * (1 + dominance) : nonDominantMl;
    }

    double r0Ohm(Side side) {
        return side == dominantSide ? r0NonDominantOhm / (1 + r0Dominance) : r0NonDominantOhm;
    }

    ArmShape shape(Side side) {
        return side == Side.LEFT ? left : right;
    }
}

package org.lymphwatch.simulators;

import org.lymphwatch.model.TruncatedCone;

/**
 * One arm's shape as circumferences every 4 cm from the wrist up, relative to each other: wrist,
 * forearm bulge, elbow, upper arm. Scaling the shape to a volume gives the circumferences whose
 * truncated-cone volume is exactly that volume, so the tape-measure app measures the same arm the
 * perometer does.
 */
final class ArmShape {

    static final double INTERVAL_CM = 4.0;

    /** Wrist (0) to the top of the measured span (1). */
    private static final double[] POSITION = {0, 0.15, 0.3, 0.45, 0.6, 0.8, 1.0};

    private static final double[] TYPICAL = {1.00, 1.12, 1.38, 1.35, 1.40, 1.55, 1.62};

    private final double[] relative;
    private final double relativeVolumeMl;

    private ArmShape(double[] relative) {
        this.relative = relative;
        this.relativeVolumeMl = TruncatedCone.volumeMl(INTERVAL_CM, relative);
    }

    /**
     * A patient's deviation from the typical shape, shared by both arms: a smooth tilt (upper arm
     * relatively thicker or thinner, about 8% at the top) plus about 2% per knot.
     */
    static double[] personal(Dice dice) {
        double tilt = Math.max(-0.16, Math.min(0.16, dice.normal(0, 0.08)));
        double[] deviation = new double[TYPICAL.length];
        for (int k = 0; k < deviation.length; k++) {
            deviation[k] = tilt * POSITION[k] + dice.normal(0, 0.02);
        }
        return deviation;
    }

    /**
     * @param points measuring points along the arm, one every 4 cm
     * @param personal the patient's deviation from the typical shape, per knot of the template
     * @param dice draws this arm's own small deviation from the patient's shape
     */
    static ArmShape draw(int points, double[] personal, Dice dice) {
        double[] knots = new double[TYPICAL.length];
        for (int k = 0; k < knots.length; k++) {
            knots[k] = TYPICAL[k] * (1 + personal[k] + dice.normal(0, 0.01));
        }
        double[] relative = new double[points];
        for (int i = 0; i < points; i++) {
            relative[i] = interpolate(knots, i / (double) (points - 1));
        }
        return new ArmShape(relative);
    }

    int points() {
        return relative.length;
    }

    /** Distal to proximal, in cm. */
    double[] circumferencesCm(double volumeMl) {
        double scale = Math.sqrt(volumeMl / relativeVolumeMl);
        double[] c = new double[relative.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = relative[i] * scale;
        }
        return c;
    }

    private static double interpolate(double[] knots, double x) {
        for (int k = 1; k < POSITION.length; k++) {
            if (x <= POSITION[k]) {
                double f = (x - POSITION[k - 1]) / (POSITION[k] - POSITION[k - 1]);
                return knots[k - 1] + f * (knots[k] - knots[k - 1]);
            }
        }
        return knots[knots.length - 1];
    }
}

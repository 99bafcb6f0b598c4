package org.lymphwatch.simulators;

import org.lymphwatch.model.Limb;
import org.lymphwatch.model.TruncatedCone;

/**
 * One limb's shape as circumferences every 4 cm from the wrist or ankle up, relative to each other:
 * for an arm wrist, forearm bulge, elbow, upper arm; for a leg ankle, calf, knee, thigh. Scaling
 * the shape to a volume gives the circumferences whose truncated-cone volume is exactly that
 * volume, so the tape-measure app measures the same limb the perometer does.
 */
final class LimbShape {

    static final double INTERVAL_CM = 4.0;

    /** Wrist (0) to the top of the measured span (1). */
    private static final double[] POSITION = {0, 0.15, 0.3, 0.45, 0.6, 0.8, 1.0};

    private static final double[] TYPICAL_ARM = {1.00, 1.12, 1.38, 1.35, 1.40, 1.55, 1.62};

    /** Ankle about 22 cm, calf 36, below the knee 33, knee 36, thigh 46-55 cm. */
    private static final double[] TYPICAL_LEG = {1.00, 1.45, 1.62, 1.50, 1.65, 2.10, 2.45};

    private final double[] relative;
    private final double relativeVolumeMl;

    private LimbShape(double[] relative) {
        this.relative = relative;
        this.relativeVolumeMl = TruncatedCone.volumeMl(INTERVAL_CM, relative);
    }

    /**
     * A patient's deviation from the typical shape, shared by both arms: a smooth tilt (upper arm
     * relatively thicker or thinner, about 8% at the top) plus about 2% per knot.
     */
    static double[] personal(Dice dice) {
        double tilt = Math.max(-0.16, Math.min(0.16, dice.normal(0, 0.08)));
        double[] deviation = new double[POSITION.length];
        for (int k = 0; k < deviation.length; k++) {
            deviation[k] = tilt * POSITION[k] + dice.normal(0, 0.02);
        }
        return deviation;
    }

    /**
     * @param points measuring points along the limb, one every 4 cm
     * @param personal the patient's deviation from the typical shape, per knot of the template
     * @param dice draws this limb's own small deviation from the patient's shape
     */
    static LimbShape draw(Limb limb, int points, double[] personal, Dice dice) {
        double[] typical = limb == Limb.LEG ? TYPICAL_LEG : TYPICAL_ARM;
        double[] knots = new double[typical.length];
        for (int k = 0; k < knots.length; k++) {
            knots[k] = typical[k] * (1 + personal[k] + dice.normal(0, 0.01));
        }
        double[] relative = new double[points];
        for (int i = 0; i < points; i++) {
            relative[i] = interpolate(knots, i / (double) (points - 1));
        }
        return new LimbShape(relative);
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

package org.lymphwatch.model;

/**
 * Limb volume from circumferences taken at equal intervals, each segment a truncated cone: V = Σ
 * h·(C_i² + C_i·C_{i+1} + C_{i+1}²) / (12π). Circumferences in cm give millilitres.
 */
public final class TruncatedCone {

    private TruncatedCone() {}

    public static double volumeMl(double intervalCm, double[] circumferencesCm) {
        if (circumferencesCm.length < 2) {
            throw new IllegalArgumentException("need at least two circumferences");
        }
        double sum = 0;
        for (int i = 0; i + 1 < circumferencesCm.length; i++) {
            double a = circumferencesCm[i];
            double b = circumferencesCm[i + 1];
            sum += a * a + a * b + b * b;
        }
        return intervalCm * sum / (12 * Math.PI);
    }
}

package org.lymphwatch.simulators;

import java.util.SplittableRandom;

/**
 * One patient's source of randomness for one purpose. Every patient gets its own streams, derived
 * from the cohort seed and the patient's index, so a patient's data never depends on how many
 * threads generated the cohort or on the other patients; and physiology, habits, device noise and
 * faults draw from separate streams, so changing a fault rate leaves the patients themselves
 * unchanged.
 */
final class Dice {

    /** What a stream is used for; one independent stream per purpose. */
    enum Purpose {
        BODY,
        COURSE,
        HABITS,
        BASELINE,
        ROUTINE,
        NOISE,
        FAULTS
    }

    private final SplittableRandom random;

    private Dice(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static Dice forPatient(long cohortSeed, int patientIndex, Purpose purpose) {
        return new Dice(mix(mix(mix(cohortSeed) + patientIndex) + purpose.ordinal()));
    }

    /** The SplitMix64 finaliser: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** A whole number from {@code low} to {@code high}, both included. */
    int between(int low, int high) {
        return random.nextInt(low, high + 1);
    }

    double normal(double mean, double sd) {
        return mean + sd * random.nextGaussian();
    }

    /** Log-normal with the given median and standard deviation of the logarithm. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }
}

package org.lymphwatch.model;

import java.time.Duration;

/**
 * Bounds a message must respect to be accepted. The physiological ranges are wide on purpose: they
 * only catch what cannot be a human limb (a negative volume, a 2 m circumference), while
 * implausible but possible values go on to the analytics' quality checks.
 */
public record ReadingLimits(
        int maxMessageBytes,
        int maxNestingDepth,
        int maxStringLength,
        Duration maxClockAhead,
        double minVolumeMl,
        double maxVolumeMl,
        double minCircumferenceCm,
        double maxCircumferenceCm,
        int maxCircumferences,
        double minIntervalCm,
        double maxIntervalCm,
        double minLDex,
        double maxLDex,
        double minR0Ohm,
        double maxR0Ohm)
        implements java.io.Serializable {

    /** 64 KiB per message; a home reading is a few hundred bytes. */
    public static final ReadingLimits DEFAULT =
            new ReadingLimits(
                    64 * 1024,
                    16,
                    8 * 1024,
                    Duration.ofMinutes(10),
                    100,
                    50_000,
                    5,
                    150,
                    64,
                    1,
                    20,
                    -100,
                    300,
                    10,
                    5_000);
}

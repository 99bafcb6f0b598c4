package org.lymphwatch.simulators;

/**
 * How often each device fault happens. Per message: {@code duplicate} (delivered twice) and {@code
 * malformed} (broken on the wire). Per device session (one use of a device, e.g. both arms on the
 * perometer): {@code clockSkew}, {@code timeZone}, {@code wrongSide} (volume sessions) and {@code
 * leadError} (bioimpedance sessions). Per patient-day: {@code offline}, the start of a spell
 * without connection whose readings arrive late in one batch.
 */
public record FaultRates(
        double duplicate,
        double offline,
        double clockSkew,
        double timeZone,
        double wrongSide,
        double leadError,
        double malformed) {

    public static final double DEFAULT_DUPLICATE = 0.01;
    public static final double DEFAULT_OFFLINE = 0.005;
    public static final double DEFAULT_CLOCK_SKEW = 0.005;
    public static final double DEFAULT_TIME_ZONE = 0.005;
    public static final double DEFAULT_WRONG_SIDE = 0.005;
    public static final double DEFAULT_LEAD_ERROR = 0.01;
    public static final double DEFAULT_MALFORMED = 0.002;

    /** Rare enough to look like a real cohort, frequent enough that every path gets exercised. */
    public static final FaultRates DEFAULT =
            new FaultRates(
                    DEFAULT_DUPLICATE,
                    DEFAULT_OFFLINE,
                    DEFAULT_CLOCK_SKEW,
                    DEFAULT_TIME_ZONE,
                    DEFAULT_WRONG_SIDE,
                    DEFAULT_LEAD_ERROR,
                    DEFAULT_MALFORMED);

    public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0, 0, 0);

    public FaultRates {
        probability("duplicate", duplicate);
        probability("offline", offline);
        probability("clockSkew", clockSkew);
        probability("timeZone", timeZone);
        probability("wrongSide", wrongSide);
        probability("leadError", leadError);
        probability("malformed", malformed);
    }

    static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + p);
        }
    }
}

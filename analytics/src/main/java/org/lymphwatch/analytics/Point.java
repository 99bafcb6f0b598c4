package org.lymphwatch.analytics;

import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * One accepted reading as kept in the monitor state: only what the rules use, about 140 bytes
 * serialized. Absent numbers are NaN. The last four components are derived from the readings before
 * it in event time (see {@link Timeline}): whether the volume is implausible, and the contralateral
 * reading it is paired with when this reading completes a pair.
 */
record Point(
        String readingId,
        long atMs,
        int offsetSeconds,
        Kind kind,
        Side side,
        VolumeMethod method,
        double volumeMl,
        double lDex,
        double r0AtRiskOhm,
        double r0UnaffectedOhm,
        int context,
        boolean implausible,
        String partnerId,
        double partnerVolumeMl,
        long partnerAtMs)
        implements Comparable<Point> {

    enum Kind {
        VOLUME,
        BIOIMPEDANCE,
        CONTEXT
    }

    static final int MASSAGE = 1;
    static final int COMPRESSION = 2;
    static final int FEVER = 4;
    static final int REDNESS = 8;
    static final int PAIN = 16;

    static Point of(Reading r) {
        long at = r.instant().toEpochMilli();
        int offset = r.measuredAt().getOffset().getTotalSeconds();
        return switch (r.kind()) {
            case LIMB_VOLUME, CIRCUMFERENCES ->
                    new Point(
                            r.readingId(),
                            at,
                            offset,
                            Kind.VOLUME,
                            r.side(),
                            r.method(),
                            r.volumeMl(),
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            0,
                            false,
                            null,
                            Double.NaN,
                            0);
            case BIOIMPEDANCE ->
                    new Point(
                            r.readingId(),
                            at,
                            offset,
                            Kind.BIOIMPEDANCE,
                            null,
                            null,
                            Double.NaN,
                            nan(r.lDex()),
                            nan(r.r0AtRiskOhm()),
                            nan(r.r0UnaffectedOhm()),
                            0,
                            false,
                            null,
                            Double.NaN,
                            0);
            case CONTEXT ->
                    new Point(
                            r.readingId(),
                            at,
                            offset,
                            Kind.CONTEXT,
                            null,
                            null,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            flags(r.context()),
                            false,
                            null,
                            Double.NaN,
                            0);
        };
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static int flags(PatientContext c) {
        int f = 0;
        f |= Boolean.TRUE.equals(c.massageSession()) ? MASSAGE : 0;
        f |= Boolean.TRUE.equals(c.compressionWorn()) ? COMPRESSION : 0;
        f |= Boolean.TRUE.equals(c.fever()) ? FEVER : 0;
        f |= Boolean.TRUE.equals(c.redness()) ? REDNESS : 0;
        f |= Boolean.TRUE.equals(c.pain()) ? PAIN : 0;
        return f;
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean has(int flag) {
        return (context & flag) != 0;
    }

    /** A volume usable for pairing: plausible. */
    boolean pairable() {
        return kind == Kind.VOLUME && !implausible;
    }

    boolean completesPair() {
        return partnerId != null;
    }

    Point withImplausible(boolean v) {
        return v == implausible
                ? this
                : new Point(
                        readingId,
                        atMs,
                        offsetSeconds,
                        kind,
                        side,
                        method,
                        volumeMl,
                        lDex,
                        r0AtRiskOhm,
                        r0UnaffectedOhm,
                        context,
                        v,
                        partnerId,
                        partnerVolumeMl,
                        partnerAtMs);
    }

    Point withPartner(Point q) {
        String id = q == null ? null : q.readingId;
        if (java.util.Objects.equals(id, partnerId)) {
            return this;
        }
        return new Point(
                readingId,
                atMs,
                offsetSeconds,
                kind,
                side,
                method,
                volumeMl,
                lDex,
                r0AtRiskOhm,
                r0UnaffectedOhm,
                context,
                implausible,
                id,
                q == null ? Double.NaN : q.volumeMl,
                q == null ? 0 : q.atMs);
    }

    /** Event-time order; the readingId breaks ties so every replica sorts alike. */
    @Override
    public int compareTo(Point o) {
        int c = Long.compare(atMs, o.atMs);
        return c != 0 ? c : readingId.compareTo(o.readingId);
    }
}

package org.lymphwatch.simulators;

import java.time.ZonedDateTime;
import java.util.List;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;

/** Optical arm volume, both arms a few seconds apart, with about 1% error per reading. */
final class Perometer {

    static final double ERROR = 0.01;

    private final String deviceId;

    Perometer(String deviceId) {
        this.deviceId = deviceId;
    }

    Session measure(
            VirtualPatient p, int day, ZonedDateTime at, Dice noise, Identifiers.ReadingIds ids) {
        Reading left = arm(p, day, at, Side.LEFT, noise, ids);
        Reading right = arm(p, day, at.plusSeconds(noise.between(5, 40)), Side.RIGHT, noise, ids);
        return new Session(Device.PEROMETER, List.of(left, right));
    }

    private Reading arm(
            VirtualPatient p,
            int day,
            ZonedDateTime at,
            Side side,
            Dice noise,
            Identifiers.ReadingIds ids) {
        double ml = p.volumeMlAt(side, day, at.toLocalTime()) * (1 + noise.normal(0, ERROR));
        return Readings.limbVolume(
                ids.next(),
                p.patientId(),
                deviceId,
                at.toOffsetDateTime(),
                p.limb(),
                side,
                Readings.tenths(ml));
    }
}

package org.lymphwatch.simulators;

import java.time.ZonedDateTime;
import java.util.List;
import org.lymphwatch.model.Side;

/**
 * Bioimpedance spectroscopy of both arms: R0 per arm, each off by about 2.4%, and the L-Dex the
 * device computes from them, which makes L-Dex noise SD about 3.3 points (see {@link LDex}).
 */
final class BioimpedanceScale {

    static final double R0_ERROR = 0.034 / Math.sqrt(2);

    private final String deviceId;

    BioimpedanceScale(String deviceId) {
        this.deviceId = deviceId;
    }

    Session measure(
            VirtualPatient p, int day, ZonedDateTime at, Dice noise, Identifiers.ReadingIds ids) {
        Side atRisk = p.atRiskSide();
        double r0AtRisk = Readings.tenths(p.r0Ohm(atRisk, day) * (1 + noise.normal(0, R0_ERROR)));
        double r0Unaffected =
                Readings.tenths(p.r0Ohm(atRisk.opposite(), day) * (1 + noise.normal(0, R0_ERROR)));
        double lDex = Readings.tenths(LDex.score(r0AtRisk, r0Unaffected, p.dominantSideAtRisk()));
        return new Session(
                Device.BIOIMPEDANCE_SCALE,
                List.of(
                        Readings.bioimpedance(
                                ids.next(),
                                p.patientId(),
                                deviceId,
                                at.toOffsetDateTime(),
                                p.limb(),
                                lDex,
                                r0AtRisk,
                                r0Unaffected)));
    }
}

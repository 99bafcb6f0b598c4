package org.lymphwatch.simulators;

import org.lymphwatch.model.Limb;

/**
 * Who the cohort is beyond its size and incidence: which limb is at risk, which devices patients
 * have, and how reliably they measure.
 *
 * @param limb ARM after breast-cancer surgery (axillary nodes); LEG after gynaecological or
 *     melanoma surgery (inguinal or pelvic nodes)
 * @param devices what patients measure with
 * @param minMissed each patient skips a scheduled measurement with a probability drawn uniformly
 *     between {@code minMissed} ...
 * @param maxMissed ... and {@code maxMissed}
 */
public record Population(Limb limb, DeviceMix devices, double minMissed, double maxMissed) {

    /** Arms, the usual mix of devices, 80-97 % of scheduled measurements taken. */
    public static final Population DEFAULT = new Population(Limb.ARM, DeviceMix.MIXED, 0.03, 0.2);

    /** What patients measure with. */
    public enum DeviceMix {
        /**
         * 45 % perometer, 45 % tape-measure app, 10 % bioimpedance scale only; a quarter of the
         * perometer and tape users also have the scale.
         */
        MIXED,
        /** The tape-measure app only: the cheapest set-up, the noisiest volumes. */
        TAPE_ONLY
    }

    public Population {
        if (limb == null || devices == null) {
            throw new IllegalArgumentException("limb and devices must be given");
        }
        FaultRates.probability("least missed measurements", minMissed);
        FaultRates.probability("most missed measurements", maxMissed);
        if (maxMissed < minMissed) {
            throw new IllegalArgumentException(
                    "missed measurements: the most must not be below the least");
        }
    }

    public Population withLimb(Limb limb) {
        return new Population(limb, devices, minMissed, maxMissed);
    }

    public Population withDevices(DeviceMix devices) {
        return new Population(limb, devices, minMissed, maxMissed);
    }

    public Population withMissed(double min, double max) {
        return new Population(limb, devices, min, max);
    }
}

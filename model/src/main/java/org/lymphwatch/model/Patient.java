package org.lymphwatch.model;

import java.time.LocalDate;
import java.util.Objects;

/** A monitored patient (topic {@code patients}, compacted, key = patientId). Pseudonymous. */
public record Patient(
        int schema,
        String patientId,
        Limb limb,
        Side atRiskSide,
        Side dominantSide,
        LocalDate surgeryDate,
        int cadenceDays,
        Baseline baseline)
        implements java.io.Serializable {

    public Patient {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(limb, "limb");
        Objects.requireNonNull(atRiskSide, "atRiskSide");
        Objects.requireNonNull(surgeryDate, "surgeryDate");
    }

    public Side unaffectedSide() {
        return atRiskSide.opposite();
    }

    /** The BIS R0-ratio threshold depends on whether the dominant arm is the one at risk. */
    public boolean dominantSideAtRisk() {
        return atRiskSide == dominantSide;
    }
}

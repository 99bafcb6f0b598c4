package org.lymphwatch.simulators;

import java.time.LocalDate;

/**
 * What cohort to simulate. The same configuration always gives the same cohort, byte for byte.
 *
 * @param patients number of patients
 * @param days follow-up per patient, counted from the patient's surgery date
 * @param seed the cohort seed; every patient's randomness derives from it and the patient index
 * @param start the first possible surgery date; fixed, never "today", so output is reproducible
 * @param enrolmentDays surgeries are spread evenly at random over this many days from {@code start}
 * @param incidence fraction of patients whose lymphedema appears (RVC reaches 10%) within two years
 *     of surgery
 * @param missingBaseline fraction of patients without a pre-operative baseline
 * @param dailyCadence fraction of patients asked to measure daily; the others measure weekly
 * @param faults device fault rates
 * @param population limb, devices and adherence ({@link Population#DEFAULT}; {@link CohortPreset}
 *     names harder ones)
 */
public record CohortConfig(
        int patients,
        int days,
        long seed,
        LocalDate start,
        int enrolmentDays,
        double incidence,
        double missingBaseline,
        double dailyCadence,
        FaultRates faults,
        Population population) {

    /** A Monday early enough that a two-year cohort from it lies in the past. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 8);

    public static final int DEFAULT_ENROLMENT_DAYS = 28;
    public static final double DEFAULT_INCIDENCE = 0.25;
    public static final double DEFAULT_MISSING_BASELINE = 0.2;
    public static final double DEFAULT_DAILY_CADENCE = 0.7;

    /**
     * Incidence is capped because lymphedema cases come with half as many transient episodes (a
     * third of mild episodes are transient) and some cases appear only after two years.
     */
    public static final double MAX_INCIDENCE = 0.6;

    public CohortConfig {
        if (patients < 1) {
            throw new IllegalArgumentException("patients must be at least 1, was " + patients);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if (start == null) {
            throw new IllegalArgumentException("start date is missing");
        }
        if (enrolmentDays < 1) {
            throw new IllegalArgumentException(
                    "enrolment days must be at least 1, was " + enrolmentDays);
        }
        if (!(incidence >= 0 && incidence <= MAX_INCIDENCE)) {
            throw new IllegalArgumentException(
                    "incidence must be between 0 and " + MAX_INCIDENCE + ", was " + incidence);
        }
        FaultRates.probability("missing baseline", missingBaseline);
        FaultRates.probability("daily cadence", dailyCadence);
        if (faults == null) {
            throw new IllegalArgumentException("fault rates are missing");
        }
        if (population == null) {
            throw new IllegalArgumentException("population is missing");
        }
    }

    /** A cohort with every other setting at its default. */
    public static CohortConfig of(int patients, int days, long seed) {
        return new CohortConfig(
                patients,
                days,
                seed,
                DEFAULT_START,
                DEFAULT_ENROLMENT_DAYS,
                DEFAULT_INCIDENCE,
                DEFAULT_MISSING_BASELINE,
                DEFAULT_DAILY_CADENCE,
                FaultRates.DEFAULT,
                Population.DEFAULT);
    }

    public CohortConfig withStart(LocalDate start) {
        return new CohortConfig(
                patients,
                days,
                seed,
                start,
                enrolmentDays,
                incidence,
                missingBaseline,
                dailyCadence,
                faults,
                population);
    }

    public CohortConfig withEnrolmentDays(int enrolmentDays) {
        return new CohortConfig(
                patients,
                days,
                seed,
                start,
                enrolmentDays,
                incidence,
                missingBaseline,
                dailyCadence,
                faults,
                population);
    }

    public CohortConfig withIncidence(double incidence) {
        return new CohortConfig(
                patients,
                days,
                seed,
                start,
                enrolmentDays,
                incidence,
                missingBaseline,
                dailyCadence,
                faults,
                population);
    }

    public CohortConfig withMissingBaseline(double missingBaseline) {
        return new CohortConfig(
                patients,
                days,
                seed,
                start,
                enrolmentDays,
                incidence,
                missingBaseline,
                dailyCadence,
                faults,
                population);
    }

    public CohortConfig withDailyCadence(double dailyCadence) {
        return new CohortConfig(
                patients,
                days,
                seed,
                start,
                enrolmentDays,
                incidence,
                missingBaseline,
                dailyCadence,
                faults,
                population);
    }

    public CohortConfig withFaults(FaultRates faults) {
        return new CohortConfig(
                patients,
                days,
                seed,
                start,
                enrolmentDays,
                incidence,
                missingBaseline,
                dailyCadence,
                faults,
                population);
    }

    public CohortConfig withPopulation(Population population) {
        return new CohortConfig(
                patients,
                days,
                seed,
                start,
                enrolmentDays,
                incidence,
                missingBaseline,
                dailyCadence,
                faults,
                population);
    }

    /** This cohort made harder in the way the preset names. */
    public CohortConfig apply(CohortPreset preset) {
        return preset.apply(this);
    }

    /** The day after the last follow-up day of the last-enrolled patient. */
    public LocalDate end() {
        return start.plusDays(enrolmentDays - 1L + days);
    }
}

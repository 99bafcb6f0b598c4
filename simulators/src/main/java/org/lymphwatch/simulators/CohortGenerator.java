package org.lymphwatch.simulators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates cohorts: in memory ({@link #generate}) or streamed in arrival order ({@link #stream}),
 * with the same content either way.
 */
public final class CohortGenerator {

    private CohortGenerator() {}

    /** The cohort streamed: use for large cohorts, writing files or publishing. */
    public static CohortStream stream(CohortConfig config) {
        return new CohortStream(config);
    }

    /** The whole cohort in memory. */
    public static Cohort generate(CohortConfig config) {
        CohortStream stream = stream(config);
        List<List<Delivery>> perPatient = new ArrayList<>();
        for (int i = 0; i < config.patients(); i++) {
            perPatient.add(new ArrayList<>());
        }
        List<Delivery> arrivals = new ArrayList<>();
        stream.forEachRemaining(
                d -> {
                    arrivals.add(d);
                    perPatient.get(d.patientIndex()).add(d);
                });
        List<SimulatedPatient> patients = new ArrayList<>();
        List<GroundTruth> truths = stream.truths();
        List<PatientSimulation> simulations = stream.simulations();
        for (int i = 0; i < config.patients(); i++) {
            PatientSimulation s = simulations.get(i);
            patients.add(
                    new SimulatedPatient(
                            s.model(), s.record(), truths.get(i), List.copyOf(perPatient.get(i))));
        }
        return new Cohort(config, List.copyOf(patients), List.copyOf(arrivals));
    }

    /** One patient of the cohort, exactly as in the whole cohort. */
    public static SimulatedPatient patient(CohortConfig config, int index) {
        PatientSimulation s = new PatientSimulation(config, index);
        List<Delivery> deliveries = s.advance(Instant.MAX);
        return new SimulatedPatient(s.model(), s.record(), s.truth(), deliveries);
    }
}

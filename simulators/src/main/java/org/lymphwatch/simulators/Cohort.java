package org.lymphwatch.simulators;

import java.util.List;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;

/**
 * A generated cohort held in memory, for tests and analyses of modest size; {@link CohortStream}
 * gives the same messages without holding them.
 *
 * @param patients in index order, each with its model, truth and deliveries
 * @param arrivals every message in arrival order, exactly as in readings.jsonl
 */
public record Cohort(
        CohortConfig config, List<SimulatedPatient> patients, List<Delivery> arrivals) {

    public List<Patient> patientRecords() {
        return patients.stream().map(SimulatedPatient::patient).toList();
    }

    public List<GroundTruth> truths() {
        return patients.stream().map(SimulatedPatient::truth).toList();
    }

    /** What the pipeline should accept, in arrival order (a duplicate appears twice). */
    public List<Reading> acceptedReadings() {
        return arrivals.stream().filter(Delivery::accepted).map(Delivery::reading).toList();
    }
}

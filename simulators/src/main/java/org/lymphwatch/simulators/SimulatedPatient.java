package org.lymphwatch.simulators;

import java.util.List;
import org.lymphwatch.model.Patient;

/**
 * One simulated patient: the noise-free model, the record the clinic registers (patients.jsonl),
 * the ground truth (truth.jsonl) and every message the patient's devices delivered, in arrival
 * order.
 */
public record SimulatedPatient(
        VirtualPatient model, Patient patient, GroundTruth truth, List<Delivery> deliveries) {}

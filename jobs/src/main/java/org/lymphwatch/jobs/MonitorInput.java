package org.lymphwatch.jobs;

import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;

/**
 * What reaches a patient's monitor, keyed by patientId: a validated reading (with the time Kafka
 * received it), a new version of the patient record, or a clinician's action. Exactly one of the
 * three is set.
 */
public record MonitorInput(
        Reading reading, long receivedAtMs, Patient patient, AlertAction action) {

    public static MonitorInput of(Reading reading, long receivedAtMs) {
        return new MonitorInput(reading, receivedAtMs, null, null);
    }

    public static MonitorInput of(Patient patient) {
        return new MonitorInput(null, 0, patient, null);
    }

    public static MonitorInput of(AlertAction action) {
        return new MonitorInput(null, 0, null, action);
    }

    public String patientId() {
        return reading != null
                ? reading.patientId()
                : patient != null ? patient.patientId() : action.patientId();
    }
}

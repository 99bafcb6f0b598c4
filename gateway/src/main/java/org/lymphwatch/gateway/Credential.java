package org.lymphwatch.gateway;

/**
 * Who a bearer token speaks for: a home device bound to one patient, or a patient's app.
 *
 * @param keyId the public part of the token, naming its line in the token store
 * @param subject the device id for a device, the patient id for a patient
 * @param patientId the one patient whose data this credential may write (device) or read (patient)
 */
public record Credential(Kind kind, String keyId, String subject, String patientId) {

    public enum Kind {
        DEVICE,
        PATIENT
    }
}

package org.lymphwatch.jobs;

/**
 * What {@link MonitorPatients} keeps beside a patient's monitor, in one keyed state so that a
 * reading reads it once: when the patient's event-time timer is set for, when the pending status
 * publication is due (null if none is pending), and the fingerprint of the status last published.
 */
public record PatientTimers(Long eventTimer, Long statusDue, Integer statusFingerprint) {

    public static final PatientTimers NONE = new PatientTimers(null, null, null);

    PatientTimers withEventTimer(Long at) {
        return new PatientTimers(at, statusDue, statusFingerprint);
    }

    PatientTimers withStatusDue(Long at) {
        return new PatientTimers(eventTimer, at, statusFingerprint);
    }

    PatientTimers withStatusFingerprint(int fingerprint) {
        return new PatientTimers(eventTimer, statusDue, fingerprint);
    }
}

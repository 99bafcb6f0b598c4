package org.lymphwatch.jobs;

/**
 * What {@link MonitorPatients} keeps beside a patient's monitor, in one keyed state so that a
 * reading reads it once: when the patient's event-time timer is set for, when the pending status
 * publication is due (null if none is pending), the fingerprint of the status last published, and
 * when that was (processing time; null before layout 2 of {@link
 * org.lymphwatch.jobs.serde.PatientTimersCodec}).
 */
public record PatientTimers(
        Long eventTimer, Long statusDue, Integer statusFingerprint, Long publishedAt) {

    public static final PatientTimers NONE = new PatientTimers(null, null, null, null);

    PatientTimers withEventTimer(Long at) {
        return new PatientTimers(at, statusDue, statusFingerprint, publishedAt);
    }

    PatientTimers withStatusDue(Long at) {
        return new PatientTimers(eventTimer, at, statusFingerprint, publishedAt);
    }

    PatientTimers withPublished(int fingerprint, long at) {
        return new PatientTimers(eventTimer, statusDue, fingerprint, at);
    }
}

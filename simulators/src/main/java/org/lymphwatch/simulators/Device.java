package org.lymphwatch.simulators;

/** The home devices, each with its id prefix and how long an upload takes after measuring. */
enum Device {
    PEROMETER("perometer", 5, 60),
    /** The patient's phone app: tape circumferences and patient-reported context. */
    PHONE_APP("app", 1, 30),
    BIOIMPEDANCE_SCALE("bis", 5, 90);

    final String idPrefix;
    final double minUploadSeconds;
    final double maxUploadSeconds;

    Device(String idPrefix, double minUploadSeconds, double maxUploadSeconds) {
        this.idPrefix = idPrefix;
        this.minUploadSeconds = minUploadSeconds;
        this.maxUploadSeconds = maxUploadSeconds;
    }
}

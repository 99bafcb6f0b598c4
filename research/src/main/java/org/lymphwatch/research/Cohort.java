package org.lymphwatch.research;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lymphwatch.model.Patient;

/**
 * The cohort an evaluation is about: patients, their ground truth, and what their readings say (the
 * devices they used, their last reading). Sorted by patientId, so every figure derived from it
 * comes out in the same order on every run.
 *
 * @param devices per patient, the devices seen in the readings: "PEROMETER", "TAPE",
 *     "BIOIMPEDANCE", joined with "+" in that order
 * @param lastReadingAt per patient, the event time of the latest reading
 */
public record Cohort(
        SortedMap<String, Patient> patients,
        SortedMap<String, Truth> truths,
        SortedMap<String, String> devices,
        SortedMap<String, OffsetDateTime> lastReadingAt) {

    public Cohort {
        patients = new TreeMap<>(patients);
        truths = new TreeMap<>(truths);
        devices = new TreeMap<>(devices);
        lastReadingAt = new TreeMap<>(lastReadingAt);
    }

    public static Cohort of(
            Map<String, Patient> patients,
            Map<String, Truth> truths,
            Map<String, String> devices,
            Map<String, OffsetDateTime> lastReadingAt) {
        return new Cohort(
                new TreeMap<>(patients),
                new TreeMap<>(truths),
                new TreeMap<>(devices),
                new TreeMap<>(lastReadingAt));
    }

    /** Patients with ground truth: the ones scored. */
    public Iterable<Truth> scored() {
        return truths.values();
    }

    /**
     * Follow-up of one patient: from the local midnight of surgery to the end of follow-up in the
     * truth file, or else to the last reading.
     */
    public Duration followUp(String patientId) {
        Patient p = patients.get(patientId);
        Truth t = truths.get(patientId);
        OffsetDateTime end = t != null ? t.followUpEnd() : null;
        if (end == null) {
            end = lastReadingAt.get(patientId);
        }
        if (p == null || end == null) {
            return Duration.ZERO;
        }
        ZoneOffset offset = end.getOffset();
        OffsetDateTime start = p.surgeryDate().atStartOfDay().atOffset(offset);
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }

    /** Follow-up of every scored patient, in years of 365.25 days. */
    public double patientYears() {
        double days = 0;
        for (String id : truths.keySet()) {
            days += followUp(id).toMinutes() / 1440.0;
        }
        return days / 365.25;
    }

    public String device(String patientId) {
        return devices.getOrDefault(patientId, "NONE");
    }
}

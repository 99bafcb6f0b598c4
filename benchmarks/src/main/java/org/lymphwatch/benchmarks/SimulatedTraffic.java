package org.lymphwatch.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortStream;
import org.lymphwatch.simulators.Delivery;

/**
 * A seeded simulated cohort as the job receives it: the registered patients and the accepted
 * messages in arrival order (device faults included: duplicates, late backfill, skewed clocks), so
 * the benchmarks measure the hot path on realistic histories rather than on one repeated reading.
 */
final class SimulatedTraffic {

    final Map<String, Patient> patients = new LinkedHashMap<>();
    final List<Reading> readings = new ArrayList<>();
    final List<byte[]> messages = new ArrayList<>();
    final List<Instant> arrivals = new ArrayList<>();

    SimulatedTraffic(int patientCount, int days, long seed) {
        this(CohortConfig.of(patientCount, days, seed));
    }

    SimulatedTraffic(CohortConfig config) {
        CohortStream stream = CohortGenerator.stream(config);
        for (Patient p : stream.patients()) {
            patients.put(p.patientId(), p);
        }
        while (stream.hasNext()) {
            Delivery d = stream.next();
            if (d.accepted()) {
                readings.add(d.reading());
                messages.add(d.message().getBytes(StandardCharsets.UTF_8));
                arrivals.add(d.arrivalAt());
            }
        }
    }
}

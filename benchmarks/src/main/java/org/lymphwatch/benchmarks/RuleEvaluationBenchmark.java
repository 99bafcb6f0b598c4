package org.lymphwatch.benchmarks;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.PatientMonitor;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.FaultRates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rule evaluation per reading, as the monitoring job does it for every valid reading: advance the
 * patient's event-time clock ({@link PatientMonitor#onTime}) and evaluate the reading ({@link
 * PatientMonitor#onReading}: metrics, trend, all seven alert rules, alert inbox). The readings are
 * a simulated cohort's year in arrival order, so each patient's history (28-day window, open
 * episodes) grows as in production; after the last reading the monitors start over.
 *
 * <p>{@code faults}: {@code default} has the simulator's device faults (re-deliveries, offline
 * devices backfilling up to two weeks late, skewed clocks); {@code none} delivers every reading
 * once and on time, which separates the cost of re-evaluating after late readings from the rest.
 *
 * <p>Baseline: the simplest rule a monitor could run, "latest RVC ≥ 10 %" from each patient's last
 * two volumes, with no history, trend, confirmation or episode bookkeeping.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEvaluationBenchmark {

    @Param({"default", "none"})
    public String faults;

    /** Cohort size: 40 patients' state stays in the CPU's caches, 1,000 patients' does not. */
    @Param({"40"})
    public int patients;

    private Map<String, Patient> profiles;
    private List<Reading> readings;
    private final Map<String, PatientMonitor> monitors = new HashMap<>();
    private final Map<String, double[]> latestVolumes = new HashMap<>();
    private long clockMs;
    private int next;

    @Setup
    public void generate() {
        CohortConfig cohort = CohortConfig.of(patients, 365, 23);
        if (faults.equals("none")) {
            cohort = cohort.withFaults(FaultRates.NONE);
        }
        SimulatedTraffic traffic = new SimulatedTraffic(cohort);
        profiles = traffic.patients;
        readings = traffic.readings;
    }

    @Benchmark
    public void patientMonitor(Blackhole out) {
        Reading r = advance();
        clockMs = Math.max(clockMs, r.instant().toEpochMilli());
        PatientMonitor m =
                monitors.computeIfAbsent(
                        r.patientId(),
                        id -> new PatientMonitor(profiles.get(id), Thresholds.DEFAULT));
        List<Output> timeOutputs = m.onTime(Instant.ofEpochMilli(clockMs));
        out.consume(timeOutputs);
        out.consume(m.onReading(r));
    }

    @Benchmark
    public boolean baselineLatestRvcThreshold() {
        Reading r = advance();
        Patient p = profiles.get(r.patientId());
        Baseline b = p.baseline();
        if (!r.hasVolume() || b == null || !b.hasVolumes()) {
            return false;
        }
        double[] latest = latestVolumes.computeIfAbsent(r.patientId(), id -> new double[2]);
        latest[r.side() == p.atRiskSide() ? 0 : 1] = r.volumeMl();
        if (latest[0] == 0 || latest[1] == 0) {
            return false;
        }
        double rvc = (latest[0] * b.unaffectedVolumeMl()) / (latest[1] * b.atRiskVolumeMl()) - 1;
        return rvc >= 0.10;
    }

    private Reading advance() {
        if (next == readings.size()) {
            next = 0;
            clockMs = Long.MIN_VALUE;
            monitors.clear();
            latestVolumes.clear();
        }
        return readings.get(next++);
    }
}

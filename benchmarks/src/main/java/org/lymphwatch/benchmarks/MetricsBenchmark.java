package org.lymphwatch.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lymphwatch.analytics.SwellingMetrics;
import org.lymphwatch.analytics.SwellingMetricsJson;
import org.lymphwatch.analytics.metrics.InterLimbDifference;
import org.lymphwatch.analytics.metrics.LDexChange;
import org.lymphwatch.analytics.metrics.R0Ratio;
import org.lymphwatch.analytics.metrics.RelativeVolumeChange;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The swelling metrics of one evaluation (an at-risk and an unaffected volume, or a bioimpedance
 * reading): RVC, ILVD, L-Dex change and R0 ratio into a {@link SwellingMetrics} row, and that row
 * as a metrics.jsonl line; the baseline is the bare RVC formula on the same numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MetricsBenchmark {

    /** One evaluation's inputs, taken from consecutive simulated readings of one patient. */
    private record Evaluation(Patient patient, Reading volume, double unaffectedMl, Reading bis) {}

    private List<Evaluation> evaluations;
    private int next;

    @Setup
    public void generate() {
        SimulatedTraffic traffic = new SimulatedTraffic(20, 180, 17);
        evaluations = new ArrayList<>();
        Reading lastBis = null;
        Double lastUnaffected = null;
        for (Reading r : traffic.readings) {
            Patient p = traffic.patients.get(r.patientId());
            Baseline b = p.baseline();
            if (r.kind() == ReadingKind.BIOIMPEDANCE) {
                lastBis = r;
            } else if (r.hasVolume() && r.side() != p.atRiskSide()) {
                lastUnaffected = r.volumeMl();
            } else if (r.hasVolume()
                    && lastUnaffected != null
                    && lastBis != null
                    && b != null
                    && b.hasVolumes()
                    && b.lDex() != null) {
                evaluations.add(new Evaluation(p, r, lastUnaffected, lastBis));
            }
        }
    }

    @Benchmark
    public SwellingMetrics metrics() {
        return metricsOf(advance());
    }

    @Benchmark
    public String metricsAsJsonLine() {
        return SwellingMetricsJson.write(metricsOf(advance()));
    }

    @Benchmark
    public double baselineRvcFormula() {
        Evaluation e = advance();
        Baseline b = e.patient.baseline();
        return (e.volume.volumeMl() * b.unaffectedVolumeMl())
                / (e.unaffectedMl * b.atRiskVolumeMl());
    }

    private static SwellingMetrics metricsOf(Evaluation e) {
        Baseline b = e.patient.baseline();
        double atRisk = e.volume.volumeMl();
        return new SwellingMetrics(
                e.patient.patientId(),
                e.volume.limb(),
                e.volume.side(),
                e.volume.measuredAt(),
                RelativeVolumeChange.percent(
                        atRisk, e.unaffectedMl, b.atRiskVolumeMl(), b.unaffectedVolumeMl()),
                InterLimbDifference.ml(atRisk, e.unaffectedMl),
                InterLimbDifference.percent(atRisk, e.unaffectedMl),
                e.bis.lDex() == null ? null : LDexChange.fromBaseline(e.bis.lDex(), b.lDex()),
                e.bis.r0Ratio() == null
                        ? null
                        : R0Ratio.of(e.bis.r0UnaffectedOhm(), e.bis.r0AtRiskOhm()),
                null,
                null,
                null,
                null,
                null);
    }

    private Evaluation advance() {
        Evaluation e = evaluations.get(next);
        next = next + 1 == evaluations.size() ? 0 : next + 1;
        return e;
    }
}

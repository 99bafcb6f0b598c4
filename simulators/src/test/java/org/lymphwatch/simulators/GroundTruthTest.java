package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.Side;

class GroundTruthTest {

    @Test
    void onsetAndLymphedemaAreTheFirstDaysTheTrueRvcReachesFiveAndTenPercent() {
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            VirtualPatient p = sp.model();
            GroundTruth t = sp.truth();
            assertThat(t.onsetDay()).isEqualTo(firstDay(p, 0.05));
            assertThat(t.lymphedemaDay()).isEqualTo(firstDay(p, 0.10));
        }
    }

    @Test
    void truthIsComputedFromTheFormulaOnNoiseFreeDailyVolumes() {
        VirtualPatient p = ReferenceCohort.get().patients().get(3).model();
        Side a = p.atRiskSide();
        Side u = a.opposite();
        for (int day = 0; day < p.days(); day += 30) {
            double rvc =
                    p.trueVolumeMl(a, day)
                                    * p.baselineVolumeMl(u)
                                    / (p.trueVolumeMl(u, day) * p.baselineVolumeMl(a))
                            - 1;
            assertThat(p.relativeVolumeChange(day)).isEqualTo(rvc);
        }
    }

    /**
     * The truth is computed without the devices, so check that the devices agree with it: in the
     * week from lymphedemaAt, a daily perometer patient's measured RVC (against the clinic's
     * measured baseline) is the true RVC within device error (per patient about 1%: 1% per volume,
     * averaged over the week, plus the baseline's error), and in the week before onsetAt it is
     * still below 5% on average.
     */
    @Test
    void perometerReadingsAroundTheTruthDatesShowTheTrueRvcWithinDeviceError() {
        List<Double> measuredFrom = new ArrayList<>();
        List<Double> trueFrom = new ArrayList<>();
        List<Double> measuredBefore = new ArrayList<>();
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            VirtualPatient p = sp.model();
            GroundTruth t = sp.truth();
            Baseline b = sp.patient().baseline();
            if (t.lymphedemaDay() == null
                    || t.lymphedemaDay() + 7 > p.days()
                    || b == null
                    || !p.habits().perometer()
                    || p.habits().cadenceDays() != 1) {
                continue;
            }
            Map<Integer, Double> rvc = measuredRvc(sp, b);
            List<Double> week = new ArrayList<>();
            List<Double> truth = new ArrayList<>();
            for (int d = t.lymphedemaDay(); d < t.lymphedemaDay() + 7; d++) {
                if (rvc.containsKey(d)) {
                    week.add(rvc.get(d));
                    truth.add(p.relativeVolumeChange(d));
                }
            }
            if (week.size() >= 3) {
                measuredFrom.add(mean(week));
                trueFrom.add(mean(truth));
            }
            List<Double> before = new ArrayList<>();
            for (int d = t.onsetDay() - 7; d < t.onsetDay(); d++) {
                if (rvc.containsKey(d)) {
                    before.add(rvc.get(d));
                }
            }
            if (before.size() >= 3) {
                measuredBefore.add(mean(before));
            }
        }

        assertThat(measuredFrom).hasSizeGreaterThanOrEqualTo(8);
        assertThat(measuredBefore).hasSizeGreaterThanOrEqualTo(8);
        for (int i = 0; i < measuredFrom.size(); i++) {
            assertThat(measuredFrom.get(i)).isCloseTo(trueFrom.get(i), within(0.04));
        }
        assertThat(mean(trueFrom)).isGreaterThanOrEqualTo(0.10);
        assertThat(mean(measuredFrom)).isCloseTo(mean(trueFrom), within(0.01));
        assertThat(mean(measuredBefore)).isLessThan(0.05);
    }

    @Test
    void weightChangeMovesBothArmsButNotTheRelativeVolumeChange() {
        SimulatedPatient sp =
                ReferenceCohort.get().patients().stream()
                        .filter(
                                s ->
                                        s.model().plannedCourse() == CourseKind.NONE
                                                && s.truth().episodes().stream()
                                                        .anyMatch(
                                                                e ->
                                                                        e.type()
                                                                                == EpisodeType
                                                                                        .WEIGHT_CHANGE))
                        .findFirst()
                        .orElseThrow();
        VirtualPatient p = sp.model();
        Episode change =
                sp.truth().episodes().stream()
                        .filter(e -> e.type() == EpisodeType.WEIGHT_CHANGE)
                        .findFirst()
                        .orElseThrow();
        int before = change.fromDay();
        int after = Math.min(change.toDay(), p.days() - 1);
        Side u = p.atRiskSide().opposite();

        double unaffectedChange = p.trueVolumeMl(u, after) / p.trueVolumeMl(u, before) - 1;
        assertThat(Math.abs(unaffectedChange)).isGreaterThan(0.005);
        assertThat(Math.abs(p.relativeVolumeChange(after) - p.relativeVolumeChange(before)))
                .isLessThan(0.005);
    }

    @Test
    void truthLinesCarryTheContractFields() throws Exception {
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            JsonNode n = Json.mapper().readTree(sp.truth().toJson());
            assertThat(n.get("patientId").asText()).isEqualTo(sp.patient().patientId());
            assertThat(n.get("course").asText()).isIn("NONE", "TRANSIENT", "LYMPHEDEMA");
            assertThat(n.has("onsetAt")).isEqualTo(sp.truth().onsetDay() != null);
            assertThat(n.has("lymphedemaAt")).isEqualTo(sp.truth().lymphedemaDay() != null);
            assertThat(n.get("episodes").isArray()).isTrue();
            for (JsonNode e : n.get("episodes")) {
                assertThat(e.get("type").asText()).isNotBlank();
                assertThat(e.get("from").asText()).isLessThan(e.get("to").asText());
            }
        }
        GroundTruth any = ReferenceCohort.get().patients().get(0).truth();
        assertThat(any.toJson()).contains("\"type\":\"POST_OP\"");
    }

    @Test
    void everyCourseShowsUpWithItsEpisodes() {
        List<GroundTruth> truths = ReferenceCohort.get().truths();

        assertThat(truths).extracting(GroundTruth::course).contains(CourseKind.values());
        assertThat(truths)
                .flatExtracting(GroundTruth::episodes)
                .extracting(Episode::type)
                .contains(EpisodeType.values());
    }

    /** RVC per day from the fault-free perometer readings of both arms, against the baseline. */
    private static Map<Integer, Double> measuredRvc(SimulatedPatient sp, Baseline b) {
        VirtualPatient p = sp.model();
        Map<Integer, Map<Side, Double>> volumes = new HashMap<>();
        for (Delivery d : sp.deliveries()) {
            Reading r = d.reading();
            if (d.faults().isEmpty() && r.kind() == ReadingKind.LIMB_VOLUME) {
                volumes.computeIfAbsent(ReferenceCohort.day(p, r), k -> new EnumMap<>(Side.class))
                        .put(r.side(), r.volumeMl());
            }
        }
        Map<Integer, Double> rvc = new HashMap<>();
        Side a = p.atRiskSide();
        volumes.forEach(
                (day, v) -> {
                    if (v.size() == 2) {
                        rvc.put(
                                day,
                                v.get(a)
                                                * b.unaffectedVolumeMl()
                                                / (v.get(a.opposite()) * b.atRiskVolumeMl())
                                        - 1);
                    }
                });
        return rvc;
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Integer firstDay(VirtualPatient p, double rvc) {
        for (int d = 0; d < p.days(); d++) {
            if (p.relativeVolumeChange(d) >= rvc) {
                return d;
            }
        }
        return null;
    }
}

package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Json;
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

    private static Integer firstDay(VirtualPatient p, double rvc) {
        for (int d = 0; d < p.days(); d++) {
            if (p.relativeVolumeChange(d) >= rvc) {
                return d;
            }
        }
        return null;
    }
}

package org.lymphwatch.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.model.Json;

/** summary.json on {@link TinyCohort}, against figures worked out by hand. */
class ScoringTest {

    /** 5 patients × 366 days. */
    private static final double PATIENT_YEARS = 5 * 366 / 365.25;

    private static final double PATIENT_WEEKS = 5 * 366 / 7.0;

    @TempDir Path dir;

    private JsonNode run;

    @BeforeEach
    void evaluate() throws Exception {
        Path cohort = dir.resolve("cohort");
        TinyCohort.write(cohort);
        Path alerts = TinyCohort.writeAlerts(dir.resolve("run"));
        EvaluationFiles.evaluate(
                cohort,
                List.of(alerts),
                null,
                new Scoring(Duration.ofDays(90), Duration.ofDays(30)),
                null,
                dir.resolve("report"));
        JsonNode summary =
                Json.mapper().readTree(Files.readString(dir.resolve("report/summary.json")));
        assertThat(summary.get("horizonDays").asInt()).isEqualTo(90);
        run = summary.get("runs").get(0);
    }

    @Test
    void followUpComesFromTheTruthFile() {
        assertThat(run.get("label").asText()).isEqualTo("run");
        assertThat(run.get("patients").asInt()).isEqualTo(5);
        assertThat(run.get("patientYears").asDouble()).isCloseTo(PATIENT_YEARS, within(1e-4));
    }

    @Test
    void lymphedemaCasesFoundLateAreTrueAlarmsButNotDetections() {
        JsonNode l = run.get("types").get("LYMPHEDEMA");
        assertThat(l.get("cases").asInt()).isEqualTo(3);
        assertThat(l.get("detected").asInt()).isEqualTo(2);
        assertThat(l.get("sensitivity").asDouble()).isCloseTo(2 / 3.0, within(1e-4));
        // p-1, p-2, p-3 true; p-4's two episodes (one of them reopened) false.
        assertThat(l.get("alarms").asInt()).isEqualTo(5);
        assertThat(l.get("trueAlarms").asInt()).isEqualTo(3);
        assertThat(l.get("falseAlarms").asInt()).isEqualTo(2);
        assertThat(l.get("falseAlarmsPerPatientYear").asDouble())
                .isCloseTo(2 / PATIENT_YEARS, within(1e-4));
        assertThat(l.get("ppv").asDouble()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void delaysAreMeasuredFromTheDayTheTrueRvcReachedTenPercent() {
        JsonNode d = run.get("types").get("LYMPHEDEMA").get("delayDays");
        // -7 (p-2) and +10 (p-1).
        assertThat(d.get("median").asDouble()).isEqualTo(1.5);
        assertThat(d.get("q1").asDouble()).isEqualTo(-7 + 0.25 * 17);
        assertThat(d.get("q3").asDouble()).isEqualTo(-7 + 0.75 * 17);
        JsonNode h = d.get("histogram");
        assertThat(h).hasSize(2);
        assertThat(h.get(0).get("fromDay").asInt()).isEqualTo(-14);
        assertThat(h.get(0).get("count").asInt()).isEqualTo(1);
        assertThat(h.get(1).get("fromDay").asInt()).isEqualTo(0);
        assertThat(h.get(1).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void subclinicalCountsEveryCourseThatReachedFivePercent() {
        JsonNode s = run.get("types").get("SUBCLINICAL");
        assertThat(s.get("cases").asInt()).isEqualTo(4);
        assertThat(s.get("detected").asInt()).isEqualTo(2);
        assertThat(s.get("falseAlarms").asInt()).isZero();
        assertThat(s.get("delayDays").get("median").asDouble()).isEqualTo(3.0);
    }

    @Test
    void staleDataDuringAMeasurementGapIsTrue() {
        JsonNode s = run.get("types").get("STALE_DATA");
        assertThat(s.get("cases").asInt()).isEqualTo(1);
        assertThat(s.get("detected").asInt()).isEqualTo(1);
        assertThat(s.get("falseAlarms").asInt()).isEqualTo(1);
        assertThat(s.get("delayDays").get("median").asDouble()).isEqualTo(-1.0);
    }

    @Test
    void measurementQualityIsCountedNotScored() {
        JsonNode q = run.get("types").get("MEASUREMENT_QUALITY");
        assertThat(q.get("scored").asBoolean()).isFalse();
        assertThat(q.has("sensitivity")).isFalse();
    }

    @Test
    void burdenCountsReopeningsAndFlapsWithinThirtyDaysOfResolving() {
        JsonNode l = run.get("burden").get("LYMPHEDEMA");
        assertThat(l.get("openings").asInt()).isEqualTo(6);
        assertThat(l.get("openedPer100PatientsPerWeek").asDouble())
                .isCloseTo(6 * 100 / PATIENT_WEEKS, within(1e-4));
        assertThat(l.get("flaps").asInt()).isEqualTo(1);
        assertThat(l.get("mostOpeningsInOneSlot").asInt()).isEqualTo(3);
        JsonNode s = run.get("burden").get("STALE_DATA");
        assertThat(s.get("openings").asInt()).isEqualTo(2);
        assertThat(s.get("flaps").asInt()).isEqualTo(1);
        assertThat(run.get("burden").get("RAPID_RISE").get("openings").asInt()).isZero();
    }

    @Test
    void lymphedemaDetectionIsSplitByCadenceBaselineDeviceAndTimeSinceSurgery() {
        assertThat(group("cadence", "daily")).containsExactly(2, 1);
        assertThat(group("cadence", "weekly")).containsExactly(1, 1);
        assertThat(group("baseline", "without baseline")).containsExactly(1, 1);
        assertThat(group("baseline", "with baseline")).containsExactly(2, 1);
        assertThat(group("device", "TAPE")).containsExactly(1, 1);
        assertThat(group("device", "PEROMETER")).containsExactly(2, 1);
        assertThat(group("time since surgery", "0-6 months")).containsExactly(3, 2);
    }

    @Test
    void transientSwellingWithResolvedAlertsIsHandledWell() {
        JsonNode t = run.get("transientSwelling");
        assertThat(t.get("patients").asInt()).isEqualTo(1);
        assertThat(t.get("alertsResolved").asInt()).isEqualTo(1);
        assertThat(t.get("lymphedemaOpened").asInt()).isZero();
    }

    private int[] group(String dimension, String group) {
        for (JsonNode g : run.get("lymphedemaBySubgroup")) {
            if (g.get("dimension").asText().equals(dimension)
                    && g.get("group").asText().equals(group)) {
                return new int[] {g.get("cases").asInt(), g.get("detected").asInt()};
            }
        }
        throw new AssertionError("no subgroup " + dimension + ": " + group);
    }
}

package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Patient;

class CohortConfigTest {

    private static final CohortConfig BASE = CohortConfig.of(300, 30, 3L);

    @Test
    void surgeriesFallInTheEnrolmentWindowFromTheStartDate() {
        LocalDate start = LocalDate.of(2023, 5, 1);
        List<Patient> patients = records(BASE.withStart(start).withEnrolmentDays(10));

        assertThat(patients)
                .extracting(Patient::surgeryDate)
                .allSatisfy(d -> assertThat(d).isBetween(start, start.plusDays(9)))
                .contains(start, start.plusDays(9));
        assertThat(BASE.withStart(start).withEnrolmentDays(10).end())
                .isEqualTo(start.plusDays(9 + 30));
    }

    @Test
    void everyPatientCanBeMadeToMeasureDailyOrWeekly() {
        assertThat(records(BASE.withDailyCadence(1)))
                .extracting(Patient::cadenceDays)
                .containsOnly(1);
        assertThat(records(BASE.withDailyCadence(0)))
                .extracting(Patient::cadenceDays)
                .containsOnly(7);
    }

    @Test
    void missingBaselineFractionIsHonoured() {
        assertThat(records(BASE.withMissingBaseline(1))).allMatch(p -> p.baseline() == null);
        assertThat(records(BASE.withMissingBaseline(0))).allMatch(p -> p.baseline() != null);
    }

    @Test
    void incidenceDecidesHowManyDevelopLymphedema() {
        assertThat(plannedLymphedema(BASE.withIncidence(0))).isZero();
        assertThat(plannedLymphedema(BASE.withIncidence(0.5)))
                .isGreaterThan(3 * plannedLymphedema(BASE) / 2);
    }

    @Test
    void nonsenseIsRefusedWithAMessageNamingTheSetting() {
        assertThatThrownBy(() -> CohortConfig.of(0, 10, 1)).hasMessageContaining("patients");
        assertThatThrownBy(() -> CohortConfig.of(10, 0, 1)).hasMessageContaining("days");
        assertThatThrownBy(() -> BASE.withIncidence(0.7)).hasMessageContaining("incidence");
        assertThatThrownBy(() -> BASE.withEnrolmentDays(0)).hasMessageContaining("enrolment");
        assertThatThrownBy(() -> BASE.withDailyCadence(-0.1)).hasMessageContaining("daily");
        assertThatThrownBy(() -> new FaultRates(0, 0, 0, 0, 0, 0, Double.NaN))
                .hasMessageContaining("malformed");
    }

    private static List<Patient> records(CohortConfig config) {
        return java.util.stream.IntStream.range(0, config.patients())
                .mapToObj(i -> new PatientSimulation(config, i).record())
                .toList();
    }

    private static long plannedLymphedema(CohortConfig config) {
        return java.util.stream.IntStream.range(0, config.patients())
                .filter(
                        i ->
                                VirtualPatient.create(config, i).plannedCourse()
                                        == CourseKind.LYMPHEDEMA)
                .count();
    }
}

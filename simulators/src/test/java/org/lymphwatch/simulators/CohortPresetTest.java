package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;

/** Each preset makes the cohort differ in the one way it names. */
class CohortPresetTest {

    private static final CohortConfig BASE = CohortConfig.of(60, 120, 9L);

    private record Run(List<Patient> patients, List<Reading> readings) {}

    private static Run run(CohortPreset preset) {
        CohortStream s = CohortGenerator.stream(BASE.apply(preset));
        List<Reading> readings = new ArrayList<>();
        while (s.hasNext()) {
            Delivery d = s.next();
            if (d.accepted()) {
                readings.add(d.reading());
            }
        }
        return new Run(s.patients(), readings);
    }

    @Test
    void legCohortMeasuresLegsOfLegSize() {
        Run leg = run(CohortPreset.LEG);

        assertThat(leg.patients()).extracting(Patient::limb).containsOnly(Limb.LEG);
        assertThat(leg.readings())
                .filteredOn(r -> r.kind() != ReadingKind.CONTEXT)
                .extracting(Reading::limb)
                .containsOnly(Limb.LEG);
        List<Double> volumes =
                leg.readings().stream()
                        .filter(r -> r.kind() == ReadingKind.LIMB_VOLUME)
                        .map(Reading::volumeMl)
                        .toList();
        double median = volumes.stream().sorted().toList().get(volumes.size() / 2);
        assertThat(median).isBetween(6000.0, 12000.0);
        assertThat(leg.patients())
                .allSatisfy(
                        p -> {
                            if (p.baseline() != null && p.baseline().hasVolumes()) {
                                assertThat(p.baseline().atRiskVolumeMl()).isGreaterThan(4000);
                            }
                        });
    }

    @Test
    void weeklyTapeCohortMeasuresWeeklyWithTheTapeAppOnly() {
        Run tape = run(CohortPreset.WEEKLY_TAPE);

        assertThat(tape.patients()).extracting(Patient::cadenceDays).containsOnly(7);
        assertThat(tape.readings())
                .extracting(Reading::kind)
                .containsOnly(ReadingKind.CIRCUMFERENCES, ReadingKind.CONTEXT)
                .contains(ReadingKind.CIRCUMFERENCES);
    }

    @Test
    void noBaselineCohortHasNoBaseline() {
        assertThat(run(CohortPreset.NO_BASELINE).patients()).allMatch(p -> p.baseline() == null);
    }

    @Test
    void poorAdherenceCohortMeasuresLess() {
        long usual =
                run(CohortPreset.DEFAULT).readings().stream()
                        .filter(r -> r.kind() != ReadingKind.CONTEXT)
                        .count();
        long poor =
                run(CohortPreset.POOR_ADHERENCE).readings().stream()
                        .filter(r -> r.kind() != ReadingKind.CONTEXT)
                        .count();
        // Missed 5-40 % (mean 22.5 %) instead of 3-20 % (11.5 %): about 12 % fewer measurements.
        assertThat((double) poor / usual).isBetween(0.8, 0.95);
    }

    @Test
    void theDefaultPresetLeavesTheCohortAsItWas() {
        assertThat(BASE.apply(CohortPreset.DEFAULT)).isEqualTo(BASE);
        assertThat(BASE.population()).isEqualTo(Population.DEFAULT);
    }
}

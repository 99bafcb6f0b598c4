package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.TruncatedCone;

class TapeMeasureAppTest {

    @Test
    void truncatedConeVolumeOfTheCircumferencesAgreesWithTheTrueVolumeWithinDeviceError() {
        List<Double> errors = new ArrayList<>();
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            VirtualPatient p = sp.model();
            for (Reading r : tapeReadings(sp)) {
                double measured = TruncatedCone.volumeMl(r.intervalCm(), r.circumferencesCm());
                double truth =
                        p.volumeMlAt(
                                r.side(),
                                ReferenceCohort.day(p, r),
                                r.measuredAt().atZoneSameInstant(p.zone()).toLocalTime());
                errors.add(measured / truth - 1);
            }
        }

        // 0.3-0.5 cm per point over 10-13 points of 15-40 cm: about 1% of volume.
        assertThat(errors).hasSizeGreaterThan(50_000);
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd =
                Math.sqrt(
                        errors.stream()
                                .mapToDouble(e -> (e - mean) * (e - mean))
                                .average()
                                .orElseThrow());
        assertThat(mean).isCloseTo(0, within(0.001));
        assertThat(sd).isBetween(0.005, 0.015);
        assertThat(errors).allSatisfy(e -> assertThat(Math.abs(e)).isLessThan(6 * sd));
    }

    @Test
    void circumferencesRunFromWristUpEveryFourCentimetresOverTheLengthOfAnArm() {
        for (SimulatedPatient sp : ReferenceCohort.get().patients().subList(0, 50)) {
            for (Reading r : tapeReadings(sp)) {
                double[] c = r.circumferencesCm();
                assertThat(r.intervalCm()).isEqualTo(4.0);
                // 36-48 cm from the wrist: 10 to 13 points.
                assertThat(c.length).isBetween(10, 13);
                assertThat(c[c.length - 1]).isGreaterThan(c[0] * 1.2);
                assertThat(c[0]).isBetween(10.0, 40.0);
            }
        }
    }

    @Test
    void bothArmsAreMeasuredAFewMinutesApart() {
        CohortConfig noFaults = ReferenceCohort.CONFIG.withFaults(FaultRates.NONE);
        int index =
                ReferenceCohort.get().patients().stream()
                        .filter(p -> p.model().habits().tapeApp())
                        .findFirst()
                        .orElseThrow()
                        .model()
                        .index();
        List<Reading> tape = tapeReadings(CohortGenerator.patient(noFaults, index));

        assertThat(tape).hasSizeGreaterThan(100);
        for (int i = 0; i + 1 < tape.size(); i += 2) {
            Reading left = tape.get(i);
            Reading right = tape.get(i + 1);
            assertThat(left.side()).isNotEqualTo(right.side());
            assertThat(java.time.Duration.between(left.measuredAt(), right.measuredAt()))
                    .isBetween(java.time.Duration.ofMinutes(2), java.time.Duration.ofMinutes(5));
        }
    }

    /** Fault-free tape readings of a patient in the order they were measured. */
    private static List<Reading> tapeReadings(SimulatedPatient sp) {
        return sp.deliveries().stream()
                .filter(d -> d.faults().isEmpty())
                .map(Delivery::reading)
                .filter(r -> r.kind() == ReadingKind.CIRCUMFERENCES)
                .sorted(java.util.Comparator.comparing(Reading::instant))
                .toList();
    }
}

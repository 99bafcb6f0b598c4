package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.Side;

/**
 * The cohort matches the clinical figures of DESIGN section 2 and the device figures of issue 5.
 * Course statistics use many patients' noise-free models over five years (cheap: no readings);
 * device and fault statistics use the readings of the reference cohort.
 */
class CohortStatisticsTest {

    private static final CohortConfig FIVE_YEARS = CohortConfig.of(20_000, 1826, 11L);

    private static final List<VirtualPatient> models = new ArrayList<>();
    private static final List<GroundTruth> truths = new ArrayList<>();

    @BeforeAll
    static void modelManyPatients() {
        for (int i = 0; i < FIVE_YEARS.patients(); i++) {
            VirtualPatient p = VirtualPatient.create(FIVE_YEARS, i);
            models.add(p);
            truths.add(GroundTruth.of(p, List.of()));
        }
    }

    @Test
    void lymphedemaAppearsOnTheClinicalSchedule() {
        List<Integer> appears =
                truths.stream()
                        .filter(t -> t.course() == CourseKind.LYMPHEDEMA)
                        .map(GroundTruth::lymphedemaDay)
                        .filter(d -> d != null)
                        .toList();

        // About 62% of cases by 6 months, 77% by 1 year, 91% by 2 years.
        assertThat(share(appears, d -> d <= 182)).isCloseTo(0.62, within(0.03));
        assertThat(share(appears, d -> d <= 365)).isCloseTo(0.77, within(0.03));
        assertThat(share(appears, d -> d <= 730)).isCloseTo(0.91, within(0.02));
    }

    @Test
    void aboutAQuarterDevelopLymphedemaWithinTwoYears() {
        assertThat(share(truths, t -> t.lymphedemaDay() != null && t.lymphedemaDay() < 730))
                .isCloseTo(0.25, within(0.015));
    }

    @Test
    void aboutAThirdOfMildEpisodesAreTransient() {
        List<GroundTruth> mild = truths.stream().filter(t -> t.onsetDay() != null).toList();

        assertThat(share(mild, t -> t.course() == CourseKind.TRANSIENT))
                .isCloseTo(1.0 / 3, within(0.03));
        assertThat(mild)
                .filteredOn(t -> t.course() == CourseKind.TRANSIENT)
                .allSatisfy(t -> assertThat(t.lymphedemaDay()).isNull());
    }

    @Test
    void withoutACourseTheArmNeverReachesFivePercent() {
        // By the planned course: the truth's course is NONE whenever onset is missing, by
        // definition.
        List<Integer> none = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).plannedCourse() == CourseKind.NONE) {
                none.add(i);
            }
        }

        assertThat(none).hasSizeGreaterThan(FIVE_YEARS.patients() / 2);
        assertThat(none).allSatisfy(i -> assertThat(truths.get(i).onsetDay()).isNull());
    }

    @Test
    void cellulitisStrikesAboutElevenPercentOfLymphedemaPatientsAYear() {
        double years = 0;
        long episodes = 0;
        for (GroundTruth t : truths) {
            if (t.lymphedemaDay() != null) {
                years += (FIVE_YEARS.days() - t.lymphedemaDay()) / 365.25;
                episodes +=
                        t.episodes().stream()
                                .filter(e -> e.type() == EpisodeType.CELLULITIS)
                                .count();
            }
        }

        assertThat(episodes / years).isCloseTo(0.11, within(0.015));
    }

    @Test
    void massageReducesSwellingInMostButNotAllPatients() {
        List<Integer> treated = new ArrayList<>();
        List<Boolean> reduced = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            VirtualPatient p = models.get(i);
            for (Episode e : truths.get(i).episodes()) {
                if (e.type() == EpisodeType.MASSAGE_COURSE && e.toDay() + 28 < p.days()) {
                    treated.add(i);
                    // Compared with the day the course started, four weeks after it ended.
                    reduced.add(
                            p.relativeVolumeChange(e.toDay() + 28)
                                    < 0.85 * p.relativeVolumeChange(e.fromDay()));
                }
            }
        }

        assertThat(treated).hasSizeGreaterThan(1000);
        assertThat(share(reduced, r -> r)).isBetween(0.6, 0.85);
        assertThat(share(treated, i -> truths.get(i).respondsToMassage()))
                .isCloseTo(0.75, within(0.03));
    }

    @Test
    void armVolumesLieInTheAdultRangeAndHealthyArmsDifferByAtMostFourPercent() {
        for (VirtualPatient p : models) {
            Side dominant = p.dominantSide();
            double d = p.baselineVolumeMl(dominant);
            double other = p.baselineVolumeMl(dominant.opposite());
            assertThat(other).isBetween(1300.0, 6900.0);
            assertThat(d).isBetween(1300.0, 6900.0);
            assertThat(d / other - 1).isBetween(0.0, 0.04 + 1e-12);
        }
    }

    @Test
    void measuredHealthyArmsShowTheDominantArmLargerByUpToFourPercent() {
        List<Double> differences = new ArrayList<>();
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            VirtualPatient p = sp.model();
            if (p.plannedCourse() != CourseKind.NONE) {
                continue;
            }
            List<Double> dominant = new ArrayList<>();
            List<Double> other = new ArrayList<>();
            for (Delivery d : clean(sp.deliveries(), ReadingKind.LIMB_VOLUME)) {
                if (ReferenceCohort.day(p, d.reading()) >= 90) {
                    (d.reading().side() == p.dominantSide() ? dominant : other)
                            .add(d.reading().volumeMl());
                }
            }
            if (!other.isEmpty()) {
                differences.add(mean(dominant) / mean(other) - 1);
            }
        }

        assertThat(differences).hasSizeGreaterThan(20);
        assertThat(differences).allSatisfy(d -> assertThat(d).isBetween(-0.01, 0.045));
        assertThat(mean(differences)).isCloseTo(0.02, within(0.005));
    }

    @Test
    void perometerErrorIsAboutOnePercent() {
        List<Double> errors = new ArrayList<>();
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            VirtualPatient p = sp.model();
            for (Delivery d : clean(sp.deliveries(), ReadingKind.LIMB_VOLUME)) {
                Reading r = d.reading();
                errors.add(r.volumeMl() / trueVolume(p, r) - 1);
            }
        }

        assertThat(errors).hasSizeGreaterThan(50_000);
        assertThat(mean(errors)).isCloseTo(0, within(0.0005));
        assertThat(sd(errors)).isCloseTo(0.01, within(0.0005));
    }

    @Test
    void lDexNoiseHasAStandardDeviationOfAboutThreePointThree() {
        List<Double> errors = new ArrayList<>();
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            if (sp.truth().course() != CourseKind.NONE) {
                continue;
            }
            VirtualPatient p = sp.model();
            for (Delivery d : clean(sp.deliveries(), ReadingKind.BIOIMPEDANCE)) {
                errors.add(d.reading().lDex() - p.trueLDex(ReferenceCohort.day(p, d.reading())));
            }
        }

        assertThat(errors).hasSizeGreaterThan(5_000);
        assertThat(mean(errors)).isCloseTo(0, within(0.15));
        assertThat(sd(errors)).isCloseTo(3.3, within(0.2));
    }

    @Test
    void healthyLDexStaysInTheNormalRangeAndLymphedemaRaisesIt() {
        List<Double> healthy = new ArrayList<>();
        List<Double> swollen = new ArrayList<>();
        for (VirtualPatient p : models.subList(0, 5000)) {
            healthy.add(p.trueLDex(400));
        }
        for (int i = 0; i < models.size(); i++) {
            Integer day = truths.get(i).lymphedemaDay();
            if (day != null) {
                swollen.add(models.get(i).trueLDex(day));
            }
        }

        // RVC 10% is lymphedema; L-Dex above +10 suggests it (DESIGN section 2).
        assertThat(share(swollen, l -> l > 10)).isGreaterThan(0.95);
        assertThat(share(healthy, l -> l >= -10 && l <= 10)).isGreaterThan(0.75);
    }

    @Test
    void armsAreLargerInTheEveningThanOnWaking() {
        List<Double> morning = new ArrayList<>();
        List<Double> evening = new ArrayList<>();
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            VirtualPatient p = sp.model();
            for (Delivery d : clean(sp.deliveries(), ReadingKind.LIMB_VOLUME)) {
                Reading r = d.reading();
                double swelling =
                        r.volumeMl() / p.trueVolumeMl(r.side(), ReferenceCohort.day(p, r)) - 1;
                int hour = r.measuredAt().atZoneSameInstant(p.zone()).getHour();
                (hour < 12 ? morning : evening).add(swelling);
            }
        }

        // Diurnal swelling of 1-3%, larger in the evening.
        assertThat(mean(morning)).isBetween(-0.002, 0.005);
        assertThat(mean(evening)).isBetween(0.01, 0.03);
    }

    @Test
    void theConfiguredFractionHasNoBaseline() {
        long missing =
                java.util.stream.IntStream.range(0, 5000)
                        .filter(
                                i ->
                                        new PatientSimulation(FIVE_YEARS, i).record().baseline()
                                                == null)
                        .count();

        assertThat(missing / 5000.0).isCloseTo(0.2, within(0.02));
    }

    @Test
    void faultsOccurAtTheirConfiguredRates() {
        FaultRates rates = ReferenceCohort.CONFIG.faults();
        List<Delivery> all = ReferenceCohort.get().arrivals();
        List<Delivery> sent = all.stream().filter(d -> !d.has(Fault.DUPLICATE)).toList();

        assertThat((all.size() - sent.size()) / (double) sent.size())
                .isCloseTo(rates.duplicate(), within(rates.duplicate() * 0.15));
        assertThat(share(sent, d -> d.faults().stream().anyMatch(Fault::malformed)))
                .isCloseTo(rates.malformed(), within(rates.malformed() * 0.25));
        assertThat(share(sent, d -> d.has(Fault.CLOCK_SKEW)))
                .isCloseTo(rates.clockSkew(), within(rates.clockSkew() * 0.25));
        assertThat(share(sent, d -> d.has(Fault.TIME_ZONE)))
                .isCloseTo(rates.timeZone(), within(rates.timeZone() * 0.25));
        List<Delivery> volumes =
                sent.stream()
                        .filter(
                                d ->
                                        d.reading().kind() == ReadingKind.LIMB_VOLUME
                                                || d.reading().kind() == ReadingKind.CIRCUMFERENCES)
                        .toList();
        assertThat(share(volumes, d -> d.has(Fault.WRONG_SIDE)))
                .isCloseTo(rates.wrongSide(), within(rates.wrongSide() * 0.3));
        List<Delivery> bioimpedance =
                sent.stream().filter(d -> d.reading().kind() == ReadingKind.BIOIMPEDANCE).toList();
        assertThat(share(bioimpedance, d -> d.has(Fault.LEAD_ERROR)))
                .isCloseTo(rates.leadError(), within(rates.leadError() * 0.3));

        long spells = 0;
        long days = 0;
        for (SimulatedPatient sp : ReferenceCohort.get().patients()) {
            List<Episode> offline =
                    sp.truth().episodes().stream()
                            .filter(e -> e.type() == EpisodeType.DEVICE_OFFLINE)
                            .toList();
            spells += offline.size();
            days += sp.model().days() - sp.model().habits().firstDay();
            days -= offline.stream().mapToInt(e -> e.toDay() - e.fromDay() - 1).sum();
        }
        assertThat(spells / (double) days)
                .isCloseTo(rates.offline(), within(rates.offline() * 0.15));
    }

    private static List<Delivery> clean(List<Delivery> deliveries, ReadingKind kind) {
        return deliveries.stream()
                .filter(d -> d.faults().isEmpty() && d.reading().kind() == kind)
                .toList();
    }

    private static double trueVolume(VirtualPatient p, Reading r) {
        return p.volumeMlAt(
                r.side(),
                ReferenceCohort.day(p, r),
                r.measuredAt().atZoneSameInstant(p.zone()).toLocalTime());
    }

    private static <T> double share(List<T> items, Predicate<T> which) {
        return items.stream().filter(which).count() / (double) items.size();
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double sd(List<Double> xs) {
        double m = mean(xs);
        return Math.sqrt(xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (xs.size() - 1));
    }
}

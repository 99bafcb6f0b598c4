package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.model.Reading;

class DeterminismTest {

    private static final CohortConfig SMALL = CohortConfig.of(30, 120, 7L);

    @TempDir Path dir;

    @Test
    void sameSeedAndArgumentsGiveByteIdenticalFiles() throws IOException {
        CohortWriter.write(CohortGenerator.stream(SMALL), dir.resolve("a"));
        CohortWriter.write(CohortGenerator.stream(SMALL), dir.resolve("b"));

        for (String file :
                List.of(CohortWriter.PATIENTS, CohortWriter.READINGS, CohortWriter.TRUTH)) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertThat(a).as(file).isNotEmpty();
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file).isEqualTo(a);
        }
    }

    @Test
    void outputDoesNotDependOnHowManyThreadsGenerateIt() throws Exception {
        List<String> oneThread = inPool(1);
        List<String> threeThreads = inPool(3);

        assertThat(threeThreads).isEqualTo(oneThread);
    }

    @Test
    void differentSeedGivesADifferentCohort() {
        Cohort a = CohortGenerator.generate(SMALL);
        Cohort b = CohortGenerator.generate(CohortConfig.of(30, 120, 8L));

        assertThat(b.patientRecords()).isNotEqualTo(a.patientRecords());
        assertThat(messages(b)).doesNotContainAnyElementsOf(messages(a));
    }

    @Test
    void changingFaultRatesLeavesThePatientsAndTheirCourseAlone() {
        Cohort faulty = CohortGenerator.generate(SMALL);
        Cohort clean = CohortGenerator.generate(SMALL.withFaults(FaultRates.NONE));

        assertThat(clean.patientRecords()).isEqualTo(faulty.patientRecords());
        for (int i = 0; i < SMALL.patients(); i++) {
            GroundTruth a = faulty.patients().get(i).truth();
            GroundTruth b = clean.patients().get(i).truth();
            assertThat(b.course()).isEqualTo(a.course());
            assertThat(b.onsetDay()).isEqualTo(a.onsetDay());
            assertThat(b.lymphedemaDay()).isEqualTo(a.lymphedemaDay());
        }
        // The same measurements: same ids, and identical where no fault touched them.
        Map<String, Reading> untouched = new HashMap<>();
        Set<String> faultyIds = new HashSet<>();
        for (Delivery d : faulty.arrivals()) {
            faultyIds.add(d.reading().readingId());
            if (d.faults().isEmpty()) {
                untouched.put(d.reading().readingId(), d.reading());
            }
        }
        assertThat(clean.arrivals()).allMatch(Delivery::accepted);
        assertThat(clean.acceptedReadings())
                .extracting(Reading::readingId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(faultyIds);
        assertThat(untouched).hasSizeGreaterThan(clean.arrivals().size() * 9 / 10);
        for (Reading r : clean.acceptedReadings()) {
            if (untouched.containsKey(r.readingId())) {
                assertThat(r).isEqualTo(untouched.get(r.readingId()));
            }
        }
    }

    @Test
    void streamedFileHoldsExactlyTheMessagesOfTheInMemoryCohort() throws IOException {
        CohortWriter.write(CohortGenerator.stream(SMALL), dir);

        assertThat(Files.readAllLines(dir.resolve(CohortWriter.READINGS)))
                .isEqualTo(messages(CohortGenerator.generate(SMALL)));
    }

    @Test
    void aPatientGeneratedAloneIsTheSameAsInTheCohort() {
        Cohort cohort = CohortGenerator.generate(SMALL);
        SimulatedPatient alone = CohortGenerator.patient(SMALL, 17);
        SimulatedPatient inCohort = cohort.patients().get(17);

        assertThat(alone.patient()).isEqualTo(inCohort.patient());
        assertThat(alone.truth().toJson()).isEqualTo(inCohort.truth().toJson());
        assertThat(alone.deliveries()).isEqualTo(inCohort.deliveries());
    }

    @Test
    void aPatientDoesNotDependOnTheSizeOfTheCohort() {
        SimulatedPatient small = CohortGenerator.patient(SMALL, 17);
        SimulatedPatient large = CohortGenerator.patient(CohortConfig.of(3000, 120, 7L), 17);

        assertThat(large.patient()).isEqualTo(small.patient());
        assertThat(large.truth().toJson()).isEqualTo(small.truth().toJson());
        assertThat(large.deliveries()).isEqualTo(small.deliveries());
    }

    private static List<String> inPool(int threads) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> messages(CohortGenerator.generate(SMALL))).get();
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> messages(Cohort cohort) {
        return cohort.arrivals().stream().map(Delivery::message).toList();
    }
}

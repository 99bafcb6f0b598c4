package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.context;
import static org.lymphwatch.analytics.Cases.fever;
import static org.lymphwatch.analytics.Cases.lDex;
import static org.lymphwatch.analytics.Cases.massage;
import static org.lymphwatch.analytics.Cases.patient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lymphwatch.model.Reading;

/**
 * Properties: the same readings give the same state whatever order they arrive in (within the
 * allowed lateness), and a reading sent twice has effect once.
 */
class EventTimeOrderTest {

    private static final String ID = "p-9";

    /**
     * A noisy patient over days 60-200: post-operative swelling fading, lymphedema rising from day
     * 120 to 14 %, a cellulitis jump with fever on day 170, a massage course from day 175, weekly
     * L-Dex (one measurement error), perometer noise of 1 % per arm.
     */
    static List<Reading> patientHistory(long seed) {
        Random random = new Random(seed);
        List<Reading> readings = new ArrayList<>();
        for (int d = 60; d <= 200; d++) {
            if (random.nextDouble() < 0.1) {
                continue;
            }
            double excess = Math.max(0, 6 - 0.1 * d) + Math.max(0, Math.min(14, 0.2 * (d - 120)));
            if (d >= 170 && d < 180) {
                excess += 8;
            }
            double t = d + random.nextDouble() * 0.1;
            double atRisk =
                    Cases.BASE_AT_RISK * (1 + excess / 100) * (1 + 0.01 * random.nextGaussian());
            double unaffected = Cases.BASE_UNAFFECTED * (1 + 0.01 * random.nextGaussian());
            readings.addAll(Cases.pair(ID, t, atRisk, unaffected));
            if (d % 7 == 3) {
                readings.add(
                        lDex(ID, t + 0.01, d == 143 ? -14 : excess + 3 * random.nextGaussian()));
            }
            if (d == 170) {
                readings.add(context(ID, t + 0.2, fever()));
            }
            if (d >= 175 && (d - 175) % 7 < 5) {
                readings.add(context(ID, t + 0.3, massage()));
            }
        }
        readings.sort(Comparator.comparing(Reading::instant));
        return readings;
    }

    private static PatientMonitor run(List<Reading> arrivals) {
        PatientMonitor m = new PatientMonitor(patient(ID), Thresholds.DEFAULT);
        for (Reading r : arrivals) {
            // Every reading is analysed: none is too late or a duplicate.
            assertThat(m.onReading(r)).noneMatch(o -> o instanceof Output.Skipped);
        }
        return m;
    }

    private static Set<String> machineOpen(PatientMonitor m) {
        return m.state().timeline.current().open().values().stream()
                .map(AlertEpisode::alertId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> published(PatientMonitor m) {
        return m.openAlerts().stream()
                .map(o -> o.alert().alertId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void readingsDelayedUpToTenDaysGiveTheSameFinalStateAsOnTime(long seed) {
        List<Reading> history = patientHistory(seed);
        Random random = new Random(seed * 31);
        // A third of the readings arrive up to ten days late (offline devices), the rest on time.
        List<long[]> arrival = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            long delay =
                    random.nextDouble() < 1 / 3.0
                            ? (long) (random.nextDouble() * Duration.ofDays(10).toMillis())
                            : 0;
            arrival.add(new long[] {history.get(i).instant().toEpochMilli() + delay, i});
        }
        arrival.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        List<Reading> late = arrival.stream().map(a -> history.get((int) a[1])).toList();

        PatientMonitor onTime = run(history);
        PatientMonitor delayed = run(late);

        assertThat(late).isNotEqualTo(history);
        assertThat(delayed.state().timeline).isEqualTo(onTime.state().timeline);
        assertThat(machineOpen(delayed)).isEqualTo(machineOpen(onTime)).isNotEmpty();
        // What clinicians were told converges to what the rules hold, in both runs.
        assertThat(published(delayed)).isEqualTo(machineOpen(delayed));
        assertThat(published(onTime)).isEqualTo(machineOpen(onTime));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theEvaluationsTheRulesReadFollowEveryLateOrOnTimeReading(long seed) {
        // The timeline keeps its volume pairs, L-Dex evaluations and last trend between readings;
        // a timeline read back from its bytes has no such memory and finds them afresh.
        List<Reading> history = patientHistory(seed);
        Random random = new Random(seed);
        List<Reading> arrivals = new ArrayList<>(history);
        for (int i = 0; i < arrivals.size(); i++) {
            if (random.nextDouble() < 0.2) {
                Collections.swap(
                        arrivals, i, Math.min(arrivals.size() - 1, i + random.nextInt(30)));
            }
        }
        Thresholds t = Thresholds.DEFAULT;
        PatientMonitor m = new PatientMonitor(patient(ID), t);
        int compared = 0;
        for (Reading r : arrivals) {
            m.onReading(r);
            MonitorState kept = m.state();
            Timeline fresh = MonitorState.fromBytes(kept.toBytes()).timeline;
            int last = kept.timeline.size() - 1;
            for (int to : new int[] {last, last / 2, random.nextInt(last + 1)}) {
                long weeksBefore = kept.timeline.get(to).atMs() - Duration.ofDays(28).toMillis();
                assertThat(kept.timeline.trend(weeksBefore, weeksBefore, to, kept.profile))
                        .isEqualTo(fresh.trend(weeksBefore, weeksBefore, to, kept.profile));
                // From the start: pairs of pruned readings are gone too.
                for (long from : new long[] {weeksBefore, Long.MIN_VALUE}) {
                    List<Evaluation> pairs = fresh.volumeEvaluations(from, to, kept.profile);
                    assertThat(kept.timeline.volumeEvaluations(from, to, kept.profile))
                            .isEqualTo(pairs);
                    List<Evaluation> lDex =
                            fresh.bioimpedanceEvaluations(from, to, kept.profile, t);
                    assertThat(kept.timeline.bioimpedanceEvaluations(from, to, kept.profile, t))
                            .isEqualTo(lDex);
                    compared += pairs.size() + lDex.size();
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void anyArrivalOrderWithinTheAllowedLatenessGivesTheSameFinalState(long seed) {
        // Two weeks of readings, shuffled completely: all lie within 14 days of the newest.
        List<Reading> twoWeeks =
                patientHistory(seed).stream()
                        .filter(
                                r ->
                                        !r.instant().isBefore(Cases.day(165).toInstant())
                                                && r.instant().isBefore(Cases.day(178).toInstant()))
                        .toList();
        List<Reading> shuffled = new ArrayList<>(twoWeeks);
        Collections.shuffle(shuffled, new Random(seed));

        PatientMonitor inOrder = run(twoWeeks);
        PatientMonitor anyOrder = run(shuffled);

        assertThat(anyOrder.state().timeline).isEqualTo(inOrder.state().timeline);
        assertThat(machineOpen(anyOrder)).isEqualTo(machineOpen(inOrder));
        assertThat(published(anyOrder)).isEqualTo(machineOpen(anyOrder));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void duplicateReadingsChangeNothing(long seed) {
        List<Reading> history = patientHistory(seed);
        Random random = new Random(seed);
        List<Reading> withDuplicates = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            withDuplicates.add(history.get(i));
            if (random.nextDouble() < 0.2) {
                // Resent shortly after: any of the last few readings, once more.
                withDuplicates.add(history.get(Math.max(0, i - random.nextInt(5))));
            }
        }
        PatientMonitor once = new PatientMonitor(patient(ID), Thresholds.DEFAULT);
        PatientMonitor twice = new PatientMonitor(patient(ID), Thresholds.DEFAULT);
        List<Output> onceOut = new ArrayList<>();
        List<Output> twiceOut = new ArrayList<>();
        history.forEach(r -> onceOut.addAll(once.onReading(r)));
        withDuplicates.forEach(r -> twiceOut.addAll(twice.onReading(r)));

        assertThat(twice.state()).isEqualTo(once.state());
        assertThat(twiceOut.stream().filter(o -> !(o instanceof Output.Skipped)).toList())
                .isEqualTo(onceOut);
        assertThat(twiceOut.stream().filter(o -> o instanceof Output.Skipped).count())
                .isEqualTo(withDuplicates.size() - history.size());
    }

    @Test
    void theHistoryExercisesTheRules() {
        PatientMonitor m = new PatientMonitor(patient(ID), Thresholds.DEFAULT);
        List<Output> out = new ArrayList<>();
        patientHistory(1).forEach(r -> out.addAll(m.onReading(r)));

        assertThat(Cases.alerts(out).stream().map(a -> a.type().name()).distinct())
                .contains("LYMPHEDEMA", "MEASUREMENT_QUALITY", "RAPID_RISE", "WORSENING_TREND");
    }
}

package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.context;
import static org.lymphwatch.analytics.Cases.lDex;
import static org.lymphwatch.analytics.Cases.massage;
import static org.lymphwatch.analytics.Cases.patient;
import static org.lymphwatch.analytics.Cases.rvcPair;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Reading;

/** The monitor state as the streaming job keeps it: serializable, resumable and bounded. */
class MonitorStateTest {

    /**
     * Two years of a busy patient: both arms daily, L-Dex weekly, a massage session every other
     * day, lymphedema from the second year on.
     */
    static List<Reading> twoYears(String id) {
        Random random = new Random(7);
        List<Reading> readings = new ArrayList<>();
        for (int d = 1; d <= 730; d++) {
            double rvc = (d < 365 ? 1 : Math.min(16, 1 + (d - 365) * 0.1)) + random.nextGaussian();
            readings.addAll(rvcPair(id, d, rvc));
            if (d % 7 == 0) {
                readings.add(lDex(id, d + 0.01, rvc * 0.8));
            }
            if (d % 2 == 0) {
                readings.add(context(id, d + 0.4, massage()));
            }
        }
        return readings;
    }

    @Test
    void stateSurvivesSerializationAndTheResumedMonitorCarriesOnIdentically() {
        List<Reading> readings = twoYears("p-1");
        List<Reading> first = readings.subList(0, readings.size() - 200);
        List<Reading> rest = readings.subList(readings.size() - 200, readings.size());
        PatientMonitor original = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);
        Cases.feed(original, first);

        PatientMonitor resumed =
                PatientMonitor.resume(
                        MonitorState.fromBytes(original.state().toBytes()), Thresholds.DEFAULT);

        assertThat(resumed.state()).isEqualTo(original.state());
        assertThat(Cases.feed(resumed, rest)).isEqualTo(Cases.feed(original, rest));
        assertThat(resumed.state()).isEqualTo(original.state());
    }

    @Test
    void aCopyCarriesOnAsTheStateReadBackFromBytesWouldAndLeavesTheOriginalAsItWas() {
        // Late weeks among the readings, so copies are taken with the timeline's kept
        // evaluations in every condition; alerts open, escalate and resolve in the second year.
        List<Reading> readings = new ArrayList<>(twoYears("p-1"));
        for (int at : new int[] {500, 1200}) {
            List<Reading> late = new ArrayList<>(readings.subList(at, at + 20));
            readings.removeAll(late);
            readings.addAll(at + 25, late);
        }
        PatientMonitor m = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);
        int alerts = 0;
        for (int i = 0; i < readings.size(); i++) {
            m.onReading(readings.get(i));
            if (i % 5 != 0 || i + 40 > readings.size()) {
                continue;
            }
            byte[] before = m.state().toBytes();
            PatientMonitor copied = PatientMonitor.resume(m.state().copy(), Thresholds.DEFAULT);
            PatientMonitor read =
                    PatientMonitor.resume(MonitorState.fromBytes(before), Thresholds.DEFAULT);
            assertThat(copied.state()).isEqualTo(m.state());
            for (Reading next : readings.subList(i + 1, i + 40)) {
                List<Output> out = copied.onReading(next);
                assertThat(out).as("after reading %d", i).isEqualTo(read.onReading(next));
                alerts += out.stream().filter(o -> o instanceof Output.AlertEvent).count();
            }
            assertThat(copied.state()).isEqualTo(read.state());
            assertThat(copied.status()).isEqualTo(read.status());
            assertThat(m.state().toBytes())
                    .as("the original after reading %d", i)
                    .isEqualTo(before);
        }
        assertThat(alerts).isGreaterThan(30);
    }

    @Test
    void theBinaryFormWrittenAgainIsAlwaysTheCurrentState() throws IOException {
        // Written at random moments between readings, clock ticks, clinicians' actions and
        // patient record changes, as checkpoints write it, and after copies as the state backend
        // makes them: always what a fresh encoding of the state at that moment gives.
        List<Reading> readings = twoYears("p-1");
        Random random = new Random(11);
        PatientMonitor m = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);
        int unchanged = 0;
        for (int i = 0; i < readings.size(); i++) {
            // One write before the change, so that a change not counted would leave it current.
            assertThat(written(m)).isEqualTo(m.state().toBytes());
            switch (random.nextInt(6)) {
                case 0 -> m.onTime(readings.get(i).instant().plusSeconds(3600));
                case 1 -> acknowledgeFirstOpen(m);
                case 2 -> m.onPatient(patient("p-1", new Baseline(2400.0 + i % 3, 2480.0, 0.0)));
                case 3 -> m = PatientMonitor.resume(m.state().copy(), Thresholds.DEFAULT);
                default -> m.onReading(readings.get(i));
            }
            for (int w = random.nextInt(3); w > 0; w--) {
                assertThat(written(m)).as("step %d", i).isEqualTo(m.state().toBytes());
                unchanged++;
            }
            m.onReading(readings.get(i));
        }
        assertThat(unchanged).isGreaterThan(100);
    }

    private static byte[] written(PatientMonitor m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.state().writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void acknowledgeFirstOpen(PatientMonitor m) {
        m.openAlerts().stream()
                .findFirst()
                .ifPresent(open -> m.onAction(Cases.acknowledge(open.alert().alertId())));
    }

    @Test
    void theStatusIsTheSameWhetherItsTrendWasCachedOrComputedAfresh() {
        List<Reading> readings = twoYears("p-1");
        // A late week among them: edits the past, which must invalidate what was cached.
        List<Reading> late = new ArrayList<>(readings.subList(400, 420));
        List<Reading> order = new ArrayList<>(readings);
        order.removeAll(late);
        order.addAll(430, late);
        PatientMonitor m = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);
        for (int i = 0; i < order.size(); i++) {
            m.onReading(order.get(i));
            var cached = m.status();
            if (i % 7 == 0 || (i >= 425 && i <= 455)) {
                var fresh =
                        PatientMonitor.resume(
                                        MonitorState.fromBytes(m.state().toBytes()),
                                        Thresholds.DEFAULT)
                                .status();
                assertThat(cached).as("after reading %d", i).isEqualTo(fresh);
            }
        }
        assertThat(m.status().trendSlopePctPerWeek()).isNotNull();
    }

    @Test
    void stateStaysBoundedOverTwoYears() {
        PatientMonitor m = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);
        int max = 0;
        List<Reading> readings = twoYears("p-1");
        for (int i = 0; i < readings.size(); i++) {
            m.onReading(readings.get(i));
            if (i % 50 == 0) {
                max = Math.max(max, m.state().toBytes().length);
            }
        }
        int end = m.state().toBytes().length;
        System.out.printf(
                "state: %d readings held, %d bytes at the end, at most %d bytes over two years%n",
                m.state().readings(), end, max);

        // Thresholds.retention() is 44 days: 88 volumes, 6-7 L-Dex, 22 context reports.
        assertThat(Thresholds.DEFAULT.retention().toDays()).isEqualTo(44);
        assertThat(m.state().readings()).isBetween(115, 118);
        assertThat(max).isLessThan(24_000);
    }

    @Test
    void aRunawayDeviceCannotGrowTheStateBeyondTheCap() {
        // One reading a minute for 2 days: 2880 readings, capped at maxPoints (1024).
        PatientMonitor m = new PatientMonitor(patient("p-1"), Thresholds.DEFAULT);
        for (int i = 0; i < 2880; i++) {
            m.onReading(lDex("p-1", 100 + i / 1440.0, 1));
        }
        int bytes = m.state().toBytes().length;
        System.out.printf("state at the cap: %d readings, %d bytes%n", m.state().readings(), bytes);

        assertThat(m.state().readings()).isEqualTo(Thresholds.Timing.DEFAULT.maxPoints());
        assertThat(bytes).isLessThan(120_000);
    }
}

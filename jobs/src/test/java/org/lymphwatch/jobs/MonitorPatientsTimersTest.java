package org.lymphwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * The monitor's clocks, on the real operator in Flink's test harness: when a patient's status is
 * published (within a second of a change, a patient's readings at most once a minute, an alert
 * never held back, and at the end of a bounded input), and that the STALE_DATA timer, left in place
 * while readings move the deadline later, still opens STALE_DATA exactly at the deadline.
 */
class MonitorPatientsTimersTest {

    private static final String PATIENT = "p-000001";
    private static final LocalDate SURGERY = LocalDate.of(2026, 1, 10);
    private static final long DAY_MS = 86_400_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, MonitorInput, String> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aPatientsStatusIsPublishedOncePerIntervalWithTheNewestReading() throws Exception {
        open(Duration.ofSeconds(1), Duration.ofSeconds(1));
        harness.setProcessingTime(0);
        harness.processElement(record(MonitorInput.of(patient())));
        measurePair(1);
        assertThat(statuses()).as("nothing before the interval ends").isEmpty();

        harness.setProcessingTime(1000);
        assertThat(statuses()).hasSize(1);
        assertThat(statuses().get(0).lastReadingAt()).isEqualTo(at(1).plusMinutes(5));

        harness.setProcessingTime(1500);
        measurePair(2);
        assertStatusPublishedAt(2500, 2);
        assertThat(statuses().get(1).lastReadingAt()).isEqualTo(at(2).plusMinutes(5));
        assertThat(storePoints("patient_status,")).hasSize(2);

        harness.setProcessingTime(10_000);
        assertThat(statuses()).as("nothing new, nothing published").hasSize(2);
    }

    @Test
    void aDailyReadingIsOnTheBoardWithinASecond() throws Exception {
        registerWithTheLiveIntervals();
        assertThat(statuses()).as("a new patient is on the board within a second").hasSize(1);

        harness.setProcessingTime(500_000);
        measurePair(1);
        assertStatusPublishedAt(501_000, 2);
        assertThat(newestStatus().lastReadingAt()).isEqualTo(at(1).plusMinutes(5));
    }

    @Test
    void readingsSecondsApartGoOutTogetherOnceAMinute() throws Exception {
        registerWithTheLiveIntervals();
        harness.setProcessingTime(100_000);
        measurePair(1);
        harness.setProcessingTime(101_000);
        assertThat(statuses()).hasSize(2);

        // As in a catch-up: the next days' readings come seconds apart.
        harness.setProcessingTime(110_000);
        measurePair(2);
        harness.setProcessingTime(120_000);
        measurePair(3);
        // A minute after the last publication.
        assertStatusPublishedAt(161_000, 3);
        assertThat(newestStatus().lastReadingAt()).isEqualTo(at(3).plusMinutes(5));
        assertThat(newestStatus().openAlerts()).isEmpty();
    }

    @Test
    void anAlertBringsAPendingRoutineStatusForward() throws Exception {
        registerWithTheLiveIntervals();
        measurePair(1);

        harness.setProcessingTime(5000);
        harness.processElement(record(implausibleLDex("b-2", at(2))));
        assertThat(alerts())
                .singleElement()
                .extracting(Alert::type)
                .isEqualTo(AlertType.MEASUREMENT_QUALITY);
        assertStatusPublishedAt(6000, 2);
        PatientStatus withAlert = statuses().get(1);
        assertThat(withAlert.openAlerts()).hasSize(1);
        assertThat(withAlert.lastReadingAt()).isEqualTo(at(2));

        harness.setProcessingTime(61_000);
        assertThat(statuses()).as("the routine timer it replaced is gone").hasSize(2);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aSnoozeEndingIsOnTheBoardWithinASecond() throws Exception {
        registerWithTheLiveIntervals();
        harness.processElement(record(implausibleLDex("b-1", at(1))));
        Alert quality = alerts().get(0);
        OffsetDateTime until = at(3);
        harness.processElement(
                record(
                        MonitorInput.of(
                                new AlertAction(
                                        1,
                                        PATIENT,
                                        quality.alertId(),
                                        AlertAction.Kind.SNOOZE,
                                        until,
                                        "clinician-1",
                                        at(1).plusHours(1)))));
        harness.setProcessingTime(2000);
        assertThat(newestStatus().openAlerts())
                .singleElement()
                .extracting(OpenAlert::snoozedUntil)
                .isEqualTo(until);

        harness.setProcessingTime(3000);
        harness.processWatermark(until.toInstant().toEpochMilli());
        assertStatusPublishedAt(4000, statuses().size() + 1);
        assertThat(newestStatus().openAlerts())
                .singleElement()
                .extracting(OpenAlert::snoozedUntil)
                .isNull();
    }

    @Test
    void theEndOfABoundedInputPublishesAPendingStatus() throws Exception {
        open(Duration.ofSeconds(1), Duration.ofMinutes(1));
        harness.setProcessingTime(0);
        harness.processElement(record(MonitorInput.of(patient())));
        measurePair(1);
        assertThat(statuses()).isEmpty();

        harness.processWatermark(Long.MAX_VALUE);
        assertThat(statuses()).hasSize(1);
        assertThat(statuses().get(0).lastReadingAt()).isEqualTo(at(1).plusMinutes(5));
    }

    @Test
    void withoutAnIntervalEveryChangeIsPublishedAtOnce() throws Exception {
        open(Duration.ZERO, Duration.ZERO);
        harness.processElement(record(MonitorInput.of(patient())));
        measurePair(1);
        List<PatientStatus> published = statuses();
        assertThat(published).hasSize(3);
        assertThat(published.get(1).lastReadingAt()).isEqualTo(at(1));
        assertThat(published.get(2).lastReadingAt()).isEqualTo(at(1).plusMinutes(5));
    }

    @Test
    void staleDataOpensAtItsDeadlineThoughEveryReadingMovedItLater() throws Exception {
        open(Duration.ofSeconds(1), Duration.ofMinutes(1));
        harness.processElement(record(MonitorInput.of(patient())));
        for (int day = 1; day <= 5; day++) {
            harness.processWatermark(at(day).toInstant().toEpochMilli() - 1);
            measurePair(day);
            assertThat(harness.numEventTimeTimers()).as("one timer per patient").isEqualTo(1);
        }
        Thresholds.Timing timing = Thresholds.DEFAULT.timing();
        double staleDays =
                Math.max(
                        patient().cadenceDays() * timing.staleCadenceFactor(),
                        timing.staleMinimumDays());
        long deadline =
                at(5).plusMinutes(5).toInstant().toEpochMilli() + Math.round(staleDays * DAY_MS);

        harness.processWatermark(deadline - 1);
        assertThat(alerts()).isEmpty();
        harness.processWatermark(deadline);
        assertThat(alerts()).hasSize(1);
        Alert stale = alerts().get(0);
        assertThat(stale.type()).isEqualTo(AlertType.STALE_DATA);
        assertThat(stale.state()).isEqualTo(AlertState.OPENED);
        assertThat(stale.at().toInstant().toEpochMilli()).isEqualTo(deadline);
    }

    /** The job's default intervals; the patient registered at 0 and its first status due at 1 s. */
    private void registerWithTheLiveIntervals() throws Exception {
        open(Duration.ofSeconds(1), Duration.ofMinutes(1));
        harness.setProcessingTime(0);
        harness.processElement(record(MonitorInput.of(patient())));
        harness.setProcessingTime(1000);
    }

    /** Nothing new is published before {@code at}, and the {@code count}th status at it. */
    private void assertStatusPublishedAt(long at, int count) throws Exception {
        harness.setProcessingTime(at - 1);
        assertThat(statuses()).hasSize(count - 1);
        harness.setProcessingTime(at);
        assertThat(statuses()).hasSize(count);
    }

    private void open(Duration statusInterval, Duration routineStatusInterval) throws Exception {
        MonitorPatients monitor =
                new MonitorPatients(
                        Thresholds.DEFAULT,
                        new MonitorPatients.Settings(
                                "alerts",
                                "patient-status",
                                "readings-rejected",
                                Duration.ofHours(24),
                                1000,
                                statusInterval,
                                routineStatusInterval));
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(monitor), MonitorInput::patientId, Types.STRING);
        harness.open();
    }

    private static Patient patient() {
        return new Patient(
                1,
                PATIENT,
                Limb.ARM,
                Side.LEFT,
                Side.RIGHT,
                SURGERY,
                1,
                new Baseline(2400.0, 2480.0, null));
    }

    /** 08:00 UTC on a day after surgery. */
    private static OffsetDateTime at(int day) {
        return SURGERY.plusDays(day).atTime(8, 0).atOffset(ZoneOffset.UTC);
    }

    /** Both arms, the unaffected one five minutes after the at-risk one. */
    private void measurePair(int day) throws Exception {
        harness.processElement(record(reading("v-" + day + "-L", at(day), Side.LEFT, 2410)));
        harness.processElement(
                record(reading("v-" + day + "-R", at(day).plusMinutes(5), Side.RIGHT, 2480)));
    }

    /** An L-Dex below -10: a measurement error, which opens MEASUREMENT_QUALITY on its own. */
    private static MonitorInput implausibleLDex(String id, OffsetDateTime at) {
        Reading r = Reading.bioimpedance(id, PATIENT, "sozo-1", at, Limb.ARM, -15.0, null, null);
        return MonitorInput.of(r, at.toInstant().toEpochMilli());
    }

    private static MonitorInput reading(String id, OffsetDateTime at, Side side, double ml) {
        Reading r =
                Reading.limbVolume(
                        id, PATIENT, "perometer-1", at, Limb.ARM, side, ml, VolumeMethod.PEROMETER);
        return MonitorInput.of(r, at.toInstant().toEpochMilli());
    }

    private static StreamRecord<MonitorInput> record(MonitorInput in) {
        long time = in.reading() == null ? 0 : in.reading().instant().toEpochMilli();
        return new StreamRecord<>(in, time);
    }

    private List<TopicRecord> kafka(String topic) {
        var out = harness.getSideOutput(MonitorPatients.KAFKA);
        if (out == null) {
            return List.of(); // nothing sent yet
        }
        return out.stream()
                .map(StreamRecord::getValue)
                .filter(r -> r.topic().equals(topic))
                .toList();
    }

    private List<PatientStatus> statuses() {
        return kafka("patient-status").stream()
                .map(r -> PatientStatusJson.read(r.value()))
                .toList();
    }

    private PatientStatus newestStatus() {
        List<PatientStatus> all = statuses();
        return all.get(all.size() - 1);
    }

    private List<Alert> alerts() {
        return kafka("alerts").stream().map(r -> AlertJson.read(r.value())).toList();
    }

    private List<String> storePoints(String prefix) {
        return harness.extractOutputValues().stream().filter(l -> l.startsWith(prefix)).toList();
    }
}

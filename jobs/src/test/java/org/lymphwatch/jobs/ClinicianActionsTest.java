package org.lymphwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.PatientMonitor;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertActionJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * A clinician acts on an alert through {@code alert-actions} while the job runs: acknowledge shows
 * on {@code patient-status}, a snooze does not hold back an escalation, and resolve closes the
 * alert — each exactly as the analytics' {@link PatientMonitor} decides for the same sequence.
 */
class ClinicianActionsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final LocalDate SURGERY = LocalDate.of(2025, 6, 2);
    private static final OffsetDateTime DAY_0 =
            SURGERY.atTime(8, 0).atOffset(ZoneOffset.ofHours(2));
    private static final Patient PATIENT =
            new Patient(
                    1,
                    "p-000777",
                    Limb.ARM,
                    Side.LEFT,
                    Side.RIGHT,
                    SURGERY,
                    1,
                    new Baseline(2400.0, 2480.0, null));

    private static EmbeddedKafka kafka;
    private static EmbeddedQuestDb store;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        store = EmbeddedQuestDb.start();
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void acknowledgeSnoozeAndResolveActAsInTheAnalytics() throws Exception {
        JobHarness harness = new JobHarness(kafka, store);
        JobConfig config = harness.config("actions", false);
        harness.createTopics(config, 1);
        harness.publishPatients(config, List.of(PATIENT));
        PatientMonitor reference = new PatientMonitor(PATIENT, Thresholds.DEFAULT);
        List<Alert> expected = new ArrayList<>();

        JobClient job = harness.environment(config, 1, sink -> sink).executeAsync("actions");
        try {
            // Day 100 on: 2 % for a week, then 12 %: lymphedema, confirmed on the second day.
            List<Reading> rising = new ArrayList<>();
            for (int d = 100; d < 107; d++) {
                rising.addAll(pair(d, 2));
            }
            for (int d = 107; d < 112; d++) {
                rising.addAll(pair(d, 12));
            }
            send(harness, config, rising, reference, expected);
            Alert opened = awaitAlert(config, a -> a.type() == AlertType.LYMPHEDEMA);
            assertThat(opened.state()).isEqualTo(AlertState.OPENED);

            act(
                    harness,
                    config,
                    action(opened, AlertAction.Kind.ACKNOWLEDGE, null, 112),
                    reference,
                    expected);
            assertThat(awaitStatus(config, s -> acknowledged(s, opened.alertId()))).isNotNull();

            act(
                    harness,
                    config,
                    action(opened, AlertAction.Kind.SNOOZE, day(150), 112),
                    reference,
                    expected);
            // 25 %: moderate. The escalation breaks through the snooze and ends the
            // acknowledgement.
            List<Reading> worse = new ArrayList<>();
            for (int d = 113; d < 118; d++) {
                worse.addAll(pair(d, 25));
            }
            send(harness, config, worse, reference, expected);
            Alert escalated =
                    awaitAlert(
                            config,
                            a ->
                                    a.alertId().equals(opened.alertId())
                                            && a.state() == AlertState.ESCALATED);
            assertThat(escalated.revision()).isGreaterThan(opened.revision());
            assertThat(
                            awaitStatus(
                                    config,
                                    s ->
                                            !acknowledged(s, opened.alertId())
                                                    && open(s, opened.alertId())))
                    .isNotNull();

            act(
                    harness,
                    config,
                    action(opened, AlertAction.Kind.RESOLVE, null, 118),
                    reference,
                    expected);
            Alert resolved =
                    awaitAlert(
                            config,
                            a ->
                                    a.alertId().equals(opened.alertId())
                                            && a.state() == AlertState.RESOLVED);
            assertThat(resolved.message()).contains("nurse-7");
            assertThat(awaitStatus(config, s -> !open(s, opened.alertId()))).isNotNull();

            Thread.sleep(2500);
            List<Alert> published =
                    JobHarness.withoutStale(harness.alerts(config)).get(PATIENT.patientId());
            assertThat(published)
                    .isEqualTo(
                            expected.stream()
                                    .filter(a -> a.type() != AlertType.STALE_DATA)
                                    .toList());
        } finally {
            job.cancel().get();
        }
    }

    private static void send(
            JobHarness harness,
            JobConfig config,
            List<Reading> readings,
            PatientMonitor reference,
            List<Alert> expected)
            throws Exception {
        harness.publishReadings(config, readings.stream().map(ReadingJson::write).toList());
        for (Reading r : readings) {
            collect(reference.onReading(r), expected);
        }
    }

    private static void act(
            JobHarness harness,
            JobConfig config,
            AlertAction action,
            PatientMonitor reference,
            List<Alert> expected)
            throws Exception {
        // Wait for the readings before it to be applied, so the order matches the reference.
        Thread.sleep(1500);
        harness.publish(
                config.topics().actions(), action.patientId(), AlertActionJson.write(action));
        collect(reference.onAction(action), expected);
    }

    private static void collect(List<Output> outputs, List<Alert> into) {
        outputs.stream()
                .filter(o -> o instanceof Output.AlertEvent)
                .map(o -> ((Output.AlertEvent) o).alert())
                .forEach(into::add);
    }

    private static AlertAction action(
            Alert a, AlertAction.Kind kind, OffsetDateTime until, int atDay) {
        return new AlertAction(1, a.patientId(), a.alertId(), kind, until, "nurse-7", day(atDay));
    }

    private static boolean acknowledged(PatientStatus s, String alertId) {
        return s.openAlerts().stream()
                .anyMatch(o -> o.alert().alertId().equals(alertId) && o.acknowledged());
    }

    private static boolean open(PatientStatus s, String alertId) {
        return s.openAlerts().stream().anyMatch(o -> o.alert().alertId().equals(alertId));
    }

    private Alert awaitAlert(JobConfig config, Predicate<Alert> match) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (var r : kafka.readAllCommitted(config.topics().alerts())) {
                Alert a = org.lymphwatch.model.AlertJson.read(r.value());
                if (match.test(a)) {
                    return a;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no such alert was published");
    }

    /** The newest committed status of the patient, once it matches. */
    private PatientStatus awaitStatus(JobConfig config, Predicate<PatientStatus> match)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            var records = kafka.readAllCommitted(config.topics().status());
            if (!records.isEmpty()) {
                PatientStatus latest =
                        PatientStatusJson.read(records.get(records.size() - 1).value());
                if (match.test(latest)) {
                    return latest;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the patient status never showed the action");
    }

    private static OffsetDateTime day(int d) {
        return DAY_0.plusDays(d);
    }

    /** Both arms on day {@code d}, the at-risk arm {@code rvcPct} above its baseline ratio. */
    private static List<Reading> pair(int d, double rvcPct) {
        OffsetDateTime at = day(d);
        return List.of(
                Reading.limbVolume(
                        "r-" + d + "-u",
                        PATIENT.patientId(),
                        "pero-1",
                        at,
                        Limb.ARM,
                        Side.RIGHT,
                        2480.0,
                        VolumeMethod.PEROMETER),
                Reading.limbVolume(
                        "r-" + d + "-a",
                        PATIENT.patientId(),
                        "pero-1",
                        at.plusMinutes(3),
                        Limb.ARM,
                        Side.LEFT,
                        Math.round(2400.0 * (1 + rvcPct / 100) * 10) / 10.0,
                        VolumeMethod.PEROMETER));
    }
}

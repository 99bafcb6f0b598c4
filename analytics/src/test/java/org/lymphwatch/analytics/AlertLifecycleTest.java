package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lymphwatch.analytics.Cases.alerts;
import static org.lymphwatch.analytics.Cases.context;
import static org.lymphwatch.analytics.Cases.day;
import static org.lymphwatch.analytics.Cases.feed;
import static org.lymphwatch.analytics.Cases.massage;
import static org.lymphwatch.analytics.Cases.metrics;
import static org.lymphwatch.analytics.Cases.patient;
import static org.lymphwatch.analytics.Cases.rvcPair;
import static org.lymphwatch.analytics.Cases.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.StatusLevel;
import org.lymphwatch.model.VolumeMethod;

/** Episodes over time: confirmation, holds placed by clinicians, silence, late and odd readings. */
class AlertLifecycleTest {

    /**
     * Only the threshold rules, confirmed by two readings: no rapid-rise or trend alerts, no
     * confirmation by the trend, no reopen cooldown (a new episode is confirmed like the first), to
     * keep each life cycle easy to follow.
     */
    private static final Thresholds THRESHOLDS_ONLY =
            new Thresholds(
                    Thresholds.Volume.DEFAULT,
                    Thresholds.Bioimpedance.DEFAULT,
                    new Thresholds.Confirmation(
                            Duration.ofDays(28), 0, Duration.ofDays(14), Duration.ZERO, 2),
                    new Thresholds.Trend(
                            Duration.ofDays(28), 6, Duration.ofDays(14), 1e9, 0.01, 1e9, 0.25, 0.1),
                    new Thresholds.RapidRise(
                            1e9,
                            Duration.ofDays(7),
                            Duration.ofHours(12),
                            2,
                            Duration.ofDays(14),
                            Duration.ofHours(72)),
                    Thresholds.Massage.DEFAULT,
                    Thresholds.Quality.DEFAULT,
                    Thresholds.Timing.DEFAULT);

    private final PatientMonitor monitor = new PatientMonitor(patient("p-1"), THRESHOLDS_ONLY);

    private List<Output> days(int from, int to, double rvcPct) {
        List<Reading> readings = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            readings.addAll(rvcPair("p-1", d, rvcPct));
        }
        return feed(monitor, readings);
    }

    private static AlertAction action(Alert a, AlertAction.Kind kind, double atDay, Double until) {
        return new AlertAction(
                1,
                a.patientId(),
                a.alertId(),
                kind,
                until == null ? null : day(until),
                "nurse-7",
                day(atDay));
    }

    @Test
    void snoozeHoldsNewEpisodesUntilEscalationBreaksThrough() {
        // Lymphedema (12 %) opens on day 101 (second reading); snoozed on day 102 until day 200.
        // RVC 2 % from day 121: every reading of 14 days below 8 % on day 135, so it resolves
        // (good news is never held). 12 % again from day 141 opens a new episode on day 142:
        // held. 25 % from day 151 is moderate on day 152: the escalation breaks through, with
        // the held opening first.
        Alert opened = alerts(days(100, 120, 12)).get(0);
        assertThat(monitor.onAction(action(opened, AlertAction.Kind.SNOOZE, 102, 200.0))).isEmpty();

        List<Alert> dip = alerts(days(121, 140, 2));
        List<Alert> held = alerts(days(141, 150, 12));
        List<Alert> escalation = alerts(days(151, 152, 25));

        assertThat(timeline(List.of(opened))).containsExactly("LYMPHEDEMA OPENED day 101");
        assertThat(timeline(dip)).containsExactly("LYMPHEDEMA RESOLVED day 135");
        assertThat(held).isEmpty();
        assertThat(timeline(escalation))
                .containsExactly("LYMPHEDEMA OPENED day 142", "LYMPHEDEMA ESCALATED day 152");
        assertThat(escalation.get(1).alertId())
                .isEqualTo(escalation.get(0).alertId())
                .isNotEqualTo(opened.alertId());
        assertThat(escalation.get(1).message()).contains("moderate");
    }

    @Test
    void snoozeExpiryPublishesWhatItHeld() {
        Alert opened = alerts(days(100, 120, 12)).get(0);
        monitor.onAction(action(opened, AlertAction.Kind.SNOOZE, 102, 160.0));
        days(121, 140, 2);
        assertThat(alerts(days(141, 159, 12))).isEmpty();

        assertThat(monitor.nextTimer()).contains(day(160).toInstant());
        List<Alert> after = alerts(monitor.onTime(day(160).toInstant()));

        assertThat(timeline(after)).containsExactly("LYMPHEDEMA OPENED day 142");
        assertThat(alerts(monitor.onTime(day(161).toInstant()))).isEmpty();
    }

    @Test
    void acknowledgementHoldsUntilEscalation() {
        Alert opened = alerts(days(100, 110, 12)).get(0);
        monitor.onAction(action(opened, AlertAction.Kind.ACKNOWLEDGE, 111, null));
        days(111, 120, 12);

        assertThat(monitor.openAlerts())
                .singleElement()
                .satisfies(o -> assertThat(o.acknowledged()).isTrue());

        assertThat(timeline(alerts(days(121, 122, 25))))
                .containsExactly("LYMPHEDEMA ESCALATED day 122");
        assertThat(monitor.openAlerts())
                .singleElement()
                .satisfies(o -> assertThat(o.acknowledged()).isFalse());
    }

    @Test
    void clinicianResolveHoldsUntilEscalation() {
        Alert opened = alerts(days(100, 110, 12)).get(0);

        List<Alert> resolved =
                alerts(monitor.onAction(action(opened, AlertAction.Kind.RESOLVE, 111, null)));
        List<Alert> quiet = alerts(days(111, 130, 12));
        List<Alert> worse = alerts(days(131, 132, 25));

        assertThat(timeline(resolved)).containsExactly("LYMPHEDEMA RESOLVED day 111");
        assertThat(resolved.get(0).message()).isEqualTo("Resolved by clinician nurse-7.");
        assertThat(quiet).isEmpty();
        assertThat(timeline(worse)).containsExactly("LYMPHEDEMA ESCALATED day 132");
        assertThat(worse.get(0).alertId()).isEqualTo(opened.alertId());
    }

    @Test
    void actionsOnUnknownAlertsChangeNothing() {
        days(100, 110, 1);
        MonitorState before = MonitorState.fromBytes(monitor.state().toBytes());

        assertThat(
                        monitor.onAction(
                                new AlertAction(
                                        1,
                                        "p-1",
                                        "p-1:LYMPHEDEMA:ARM:LEFT:20200101T000000Z",
                                        AlertAction.Kind.RESOLVE,
                                        null,
                                        "nurse-7",
                                        day(111))))
                .isEmpty();
        assertThat(monitor.state()).isEqualTo(before);
    }

    @Test
    void missedMeasurementsRemindThePatientAndOnlyFourSilentWeeksReachTheClinician() {
        // Daily cadence, last reading day 110 (+5 min). From day 111 the patient's status says a
        // measurement is due (the app shows it overdue) while the clinician's inbox stays quiet;
        // STALE_DATA opens after 28 silent days, on day 138 (+5 min), until the next reading.
        days(100, 110, 1);
        assertThat(monitor.status().measurementDueAt())
                .isEqualTo(day(111).plusMinutes(5).withOffsetSameInstant(Cases.CET));
        assertThat(monitor.nextTimer()).contains(day(138).plusMinutes(5).toInstant());
        assertThat(monitor.onTime(day(137).toInstant())).isEmpty();
        assertThat(monitor.status().level()).isEqualTo(StatusLevel.OK);

        List<Alert> stale = alerts(monitor.onTime(day(139).toInstant()));
        List<Alert> back = alerts(days(140, 140, 1));

        assertThat(timeline(stale)).containsExactly("STALE_DATA OPENED day 138");
        assertThat(stale.get(0).value()).isEqualTo(28.0);
        assertThat(stale.get(0).threshold()).isEqualTo(28.0);
        assertThat(stale.get(0).side()).isNull();
        assertThat(timeline(back)).containsExactly("STALE_DATA RESOLVED day 140");
        assertThat(alerts(monitor.onTime(day(141).toInstant()))).isEmpty();
    }

    @Test
    void aWeeklyMeasurerReachesTheClinicianAfterFiveSilentWeeks() {
        // Cadence 7 days x 5 = 35 days, longer than the 28-day minimum.
        PatientMonitor weekly =
                new PatientMonitor(
                        new Patient(
                                1,
                                "p-1",
                                Limb.ARM,
                                Side.LEFT,
                                Side.RIGHT,
                                Cases.SURGERY,
                                7,
                                Cases.BASELINE),
                        Thresholds.DEFAULT);
        for (int d = 96; d <= 110; d += 7) {
            feed(weekly, rvcPair("p-1", d, 1));
        }

        assertThat(weekly.nextTimer()).contains(day(145).plusMinutes(5).toInstant());
        assertThat(timeline(alerts(weekly.onTime(day(146).toInstant()))))
                .containsExactly("STALE_DATA OPENED day 145");
    }

    @Test
    void aClinicCanAskToHearOfShortGaps() {
        // The former default, cadence x 3 with no minimum: a daily patient last heard on day 110
        // (+5 min) reaches the inbox on day 113 (+5 min).
        Thresholds t =
                ThresholdsJson.with(
                        ThresholdsJson.with(Thresholds.DEFAULT, "timing.staleMinimumDays", 0),
                        "timing.staleCadenceFactor",
                        3);
        PatientMonitor patient = new PatientMonitor(Cases.patient("p-1"), t);
        for (int d = 100; d <= 110; d++) {
            feed(patient, rvcPair("p-1", d, 1));
        }

        assertThat(patient.nextTimer()).contains(day(113).plusMinutes(5).toInstant());
        assertThat(patient.onTime(day(112).toInstant())).isEmpty();
        List<Alert> stale = alerts(patient.onTime(day(114).toInstant()));
        assertThat(timeline(stale)).containsExactly("STALE_DATA OPENED day 113");
        assertThat(stale.get(0).threshold()).isEqualTo(3.0);
    }

    @Test
    void lateReadingWithdrawsAnAlertItContradictsInEventTime() {
        // 12 % on days 130 and 131 opens lymphedema. Then a reading measured at noon on day 130
        // (2 %) arrives: in event-time order the two latest readings on day 131 are 2 % and 12 %,
        // so the episode never was; it is withdrawn. Day 132 at 12 % confirms anew.
        days(100, 129, 3);
        List<Alert> opened = alerts(days(130, 131, 12));

        List<Alert> late = alerts(feed(monitor, rvcPair("p-1", 130.5, 2)));
        List<Alert> again = alerts(days(132, 132, 12));

        assertThat(timeline(opened)).containsExactly("LYMPHEDEMA OPENED day 131");
        assertThat(timeline(late)).containsExactly("LYMPHEDEMA RESOLVED day 130");
        assertThat(late.get(0).alertId()).isEqualTo(opened.get(0).alertId());
        assertThat(late.get(0).message()).startsWith("Withdrawn");
        assertThat(timeline(again)).containsExactly("LYMPHEDEMA OPENED day 132");
    }

    @Test
    void lateReadingIsEvaluatedWithTheTrendOfItsOwnWindow() {
        // Day 120 arrives after day 130: its row has the trend of days 92-120 (days 100-120,
        // 21 pairs), exactly as if it had arrived on time.
        PatientMonitor onTime = new PatientMonitor(patient("p-1"), THRESHOLDS_ONLY);
        List<Reading> all = new ArrayList<>();
        for (int d = 100; d <= 130; d++) {
            all.addAll(rvcPair("p-1", d, 3 + 0.1 * d % 2));
        }
        List<SwellingMetrics> inOrder = metrics(feed(onTime, all));
        List<Reading> late = all.stream().filter(r -> r.readingId().contains("-120.000-")).toList();
        List<Reading> rest = all.stream().filter(r -> !late.contains(r)).toList();

        feed(monitor, rest);
        List<SwellingMetrics> lateRows = metrics(feed(monitor, late));

        assertThat(lateRows).singleElement().isEqualTo(inOrder.get(20));
        assertThat(lateRows.get(0).trendN()).isEqualTo(21);
        assertThat(monitor.state().timeline).isEqualTo(onTime.state().timeline);
    }

    @Test
    void readingsTooLateOrRepeatedAreSkippedAndSaySo() {
        days(100, 130, 1);
        Reading tooLate = rvcPair("p-1", 110.5, 1).get(0);
        Reading again = rvcPair("p-1", 130, 1).get(0);

        assertThat(monitor.onReading(tooLate))
                .containsExactly(
                        new Output.Skipped(tooLate.readingId(), Output.Skipped.Reason.TOO_LATE));
        assertThat(monitor.onReading(again))
                .containsExactly(
                        new Output.Skipped(again.readingId(), Output.Skipped.Reason.DUPLICATE));
    }

    @Test
    void deviceClockFarOffIsFlaggedOnceAndClearedByASoundReading() {
        Reading year2000 = Cases.volume("r-old", "p-1", day(-3650), Side.LEFT, 2400);
        Reading year2001 = Cases.volume("r-old2", "p-1", day(-3600), Side.LEFT, 2400);

        List<Output> first = monitor.onReading(year2000);
        List<Output> second = monitor.onReading(year2001);
        List<Alert> sound = alerts(days(100, 100, 1));

        assertThat(first).contains(new Output.Skipped("r-old", Output.Skipped.Reason.CLOCK_OFF));
        assertThat(alerts(first))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.type()).isEqualTo(AlertType.MEASUREMENT_QUALITY);
                            assertThat(a.metric()).isEqualTo("CLOCK");
                            assertThat(a.message()).contains("perometer-1", "clock");
                        });
        assertThat(alerts(second)).isEmpty();
        assertThat(timeline(sound)).containsExactly("MEASUREMENT_QUALITY RESOLVED day 100");
        assertThat(monitor.state().readings()).isEqualTo(2);
    }

    @Test
    void readingForALimbNotMonitoredIsFlaggedAndSkipped() {
        Reading leg =
                Reading.limbVolume(
                        "r-leg",
                        "p-1",
                        "perometer-9",
                        day(100),
                        Limb.LEG,
                        Side.LEFT,
                        9000.0,
                        VolumeMethod.PEROMETER);

        List<Output> out = monitor.onReading(leg);

        assertThat(out).contains(new Output.Skipped("r-leg", Output.Skipped.Reason.OTHER_LIMB));
        assertThat(alerts(out))
                .singleElement()
                .satisfies(a -> assertThat(a.metric()).isEqualTo("LIMB"));
    }

    @Test
    void implausibleVolumeJumpIsFlaggedAndLeftOutOfTheMetrics() {
        // 2400 mL at-risk arm reads 3600 mL (+50 %, more than 30 %) on day 111, normal again on
        // day 112: flagged, no row and no swelling alert from it; the next sound reading clears it.
        days(100, 110, 1);
        List<Output> jump = feed(monitor, Cases.pair("p-1", 111, 3600, Cases.BASE_UNAFFECTED));
        List<Alert> back = alerts(days(112, 112, 1));

        assertThat(metrics(jump)).isEmpty();
        assertThat(alerts(jump))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.metric()).isEqualTo("VOLUME_JUMP_PCT");
                            assertThat(a.side()).isEqualTo(Side.LEFT);
                        });
        assertThat(timeline(back)).containsExactly("MEASUREMENT_QUALITY RESOLVED day 112");
    }

    @Test
    void massageCourseWithoutReductionOpensNoResponseOnceComplete() {
        // 15 % lymphedema; weekday sessions from day 150 to 177 (20 sessions, in the
        // afternoons). The course is judged at the first reading 28 days after its first
        // session, on the morning of day 179: swelling still 15 %, no reduction.
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 185; d++) {
            readings.addAll(rvcPair("p-1", d, 15));
            if (d >= 150 && d <= 177 && (d - 150) % 7 < 5) {
                readings.add(context("p-1", d + 0.3, massage()));
            }
        }

        List<Alert> noResponse =
                alerts(feed(monitor, readings)).stream()
                        .filter(a -> a.type() == AlertType.NO_RESPONSE)
                        .toList();

        assertThat(timeline(noResponse)).containsExactly("NO_RESPONSE OPENED day 179");
        assertThat(noResponse.get(0).message()).contains("20 massage sessions", "15.0 %");
    }

    @Test
    void massageCourseThatReducesSwellingRaisesNoNoResponse() {
        // From 15 % to 9 % over the course: 40 % of the excess gone.
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 185; d++) {
            double rvc = d < 150 ? 15 : Math.max(9, 15 - 6.0 * (d - 150) / 28);
            readings.addAll(rvcPair("p-1", d, rvc));
            if (d >= 150 && d <= 177 && (d - 150) % 7 < 5) {
                readings.add(context("p-1", d + 0.3, massage()));
            }
        }

        assertThat(alerts(feed(monitor, readings)))
                .noneMatch(a -> a.type() == AlertType.NO_RESPONSE);
    }

    @Test
    void baselineAddedLaterReevaluatesTheRecentReadings() {
        // Without a baseline, 2650 vs 2480 mL is ILVD 170 mL, 6.9 %: no alert. The clinic then
        // enters the pre-operative volumes (2400 / 2480): RVC = 2650 / 2400 - 1 = 10.4 % on
        // every reading. The rules re-run from 14 days before the newest reading (day 130):
        // the pair of day 116 and the one before confirm lymphedema at once.
        PatientMonitor m = new PatientMonitor(patient("p-1", null), THRESHOLDS_ONLY);
        List<Reading> readings = new ArrayList<>();
        for (int d = 100; d <= 130; d++) {
            readings.addAll(Cases.pair("p-1", d, 2650, 2480));
        }
        assertThat(alerts(feed(m, readings))).isEmpty();

        List<Alert> reevaluated = alerts(m.onPatient(patient("p-1")));

        assertThat(timeline(reevaluated)).containsExactly("LYMPHEDEMA OPENED day 116");
        assertThat(reevaluated.get(0).metric()).isEqualTo("RVC");
        assertThat(m.onPatient(patient("p-1"))).isEmpty();
    }
}

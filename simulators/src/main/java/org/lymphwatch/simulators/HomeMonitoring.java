package org.lymphwatch.simulators;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.PatientContext;

/**
 * A patient's routine with the devices, day by day: measuring on scheduled days (skipping some, and
 * about once a year not at all for one to four weeks), reporting massage sessions, compression and
 * the fever and redness of cellulitis.
 */
final class HomeMonitoring {

    private static final double GAP_PER_DAY = 1.0 / 365;
    private static final int SYMPTOM_DAYS = 4;
    private static final int FEVER_DAYS = 2;
    private static final double MISSED_MASSAGE = 0.1;
    private static final double SELF_MASSAGE = 0.3;
    private static final LocalTime MASSAGE_APPOINTMENT = LocalTime.of(16, 0);
    private static final LocalTime EVENING = LocalTime.of(20, 30);
    private static final LocalTime SYMPTOM_REPORT = LocalTime.of(18, 0);

    private static final PatientContext COMPRESSION =
            new PatientContext(null, true, null, null, null);
    private static final PatientContext MASSAGE = new PatientContext(true, null, null, null, null);

    private final VirtualPatient p;
    private final Habits h;
    private final Dice routine;
    private final Dice noise;
    private final Identifiers.ReadingIds ids;
    private final Perometer perometer;
    private final TapeMeasureApp app;
    private final BioimpedanceScale scale;
    private final List<Episode> gaps = new ArrayList<>();
    private int gapEnd;

    HomeMonitoring(VirtualPatient p, long seed, Dice routine, Dice noise) {
        this.p = p;
        this.h = p.habits();
        this.routine = routine;
        this.noise = noise;
        this.ids = new Identifiers.ReadingIds(seed, p.index());
        this.perometer =
                h.perometer()
                        ? new Perometer(
                                Identifiers.deviceId(Device.PEROMETER.idPrefix, seed, p.index()))
                        : null;
        this.app =
                new TapeMeasureApp(
                        Identifiers.deviceId(Device.PHONE_APP.idPrefix, seed, p.index()));
        this.scale =
                h.bioimpedanceScale()
                        ? new BioimpedanceScale(
                                Identifiers.deviceId(
                                        Device.BIOIMPEDANCE_SCALE.idPrefix, seed, p.index()))
                        : null;
    }

    /** What the devices sent on these days after surgery; call for consecutive ranges. */
    List<Session> days(int fromDay, int toDay) {
        List<Session> sessions = new ArrayList<>();
        for (int d = Math.max(fromDay, h.firstDay()); d < toDay; d++) {
            if (d < gapEnd) {
                continue;
            }
            if (routine.chance(GAP_PER_DAY)) {
                gapEnd = d + routine.between(7, 28);
                gaps.add(new Episode(EpisodeType.MEASUREMENT_GAP, d, gapEnd));
                continue;
            }
            DayOfWeek weekday = p.date(d).getDayOfWeek();
            if (h.scheduled(weekday) && !routine.chance(h.missed())) {
                measure(d, sessions);
            }
            Episode cellulitis = p.episodeOn(EpisodeType.CELLULITIS, d);
            if (cellulitis == null) {
                massage(d, weekday, sessions);
            } else if (d - cellulitis.fromDay() < SYMPTOM_DAYS) {
                boolean fever = d - cellulitis.fromDay() < FEVER_DAYS;
                PatientContext symptoms =
                        new PatientContext(null, null, fever ? true : null, true, true);
                sessions.add(app.report(p, at(d, SYMPTOM_REPORT), symptoms, ids));
            }
        }
        return sessions;
    }

    /** Stretches without any measurement so far. */
    List<Episode> gaps() {
        return gaps;
    }

    private void measure(int d, List<Session> sessions) {
        ZonedDateTime at = at(d, h.usualTime());
        if (perometer != null) {
            sessions.add(perometer.measure(p, d, at, noise, ids));
        }
        if (h.tapeApp()) {
            sessions.add(app.measure(p, d, at, noise, ids));
        }
        if (scale != null) {
            sessions.add(scale.measure(p, d, at.plusMinutes(routine.between(2, 10)), noise, ids));
        }
        if (p.in(EpisodeType.COMPRESSION, d)) {
            sessions.add(app.report(p, at.plusMinutes(1), COMPRESSION, ids));
        }
    }

    /**
     * Therapist sessions on weekdays during the massage course; self-massage on some evenings after
     * it. None during cellulitis, when massage must pause.
     */
    private void massage(int d, DayOfWeek weekday, List<Session> sessions) {
        if (p.in(EpisodeType.MASSAGE_COURSE, d)) {
            boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
            if (!weekend && !routine.chance(MISSED_MASSAGE)) {
                sessions.add(app.report(p, at(d, MASSAGE_APPOINTMENT), MASSAGE, ids));
            }
        } else if (p.in(EpisodeType.COMPRESSION, d) && routine.chance(SELF_MASSAGE)) {
            sessions.add(app.report(p, at(d, EVENING), MASSAGE, ids));
        }
    }

    /** Around the given local time, give or take a quarter of an hour. */
    private ZonedDateTime at(int day, LocalTime usual) {
        LocalTime time = usual.plusSeconds(Math.round(routine.normal(0, 15 * 60)));
        return p.date(day).atTime(time).atZone(p.zone()).truncatedTo(ChronoUnit.SECONDS);
    }
}

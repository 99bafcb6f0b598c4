package org.lymphwatch.simulators;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;

/**
 * A simulated breast-cancer patient after axillary surgery, free of measurement error: arms,
 * weight, the course of the at-risk arm, and home habits. Days count from the surgery date (day 0);
 * the patient is followed for {@link #days()} days.
 *
 * <p>The daily true volume is the volume on waking. Both arms swell by a further 1-3% over the day
 * (fluid shifts when upright), most in the evening: {@link #volumeMlAt} is what a device measures
 * before its own error.
 */
public final class VirtualPatient {

    /** Extra fluid in the at-risk arm lowers its R0 1.5 times as much as it adds volume. */
    static final double FLUID_SENSITIVITY = 1.5;

    private static final ZoneId[] ZONES = {
        ZoneId.of("Europe/Berlin"),
        ZoneId.of("Europe/London"),
        ZoneId.of("America/New_York"),
        ZoneId.of("America/Chicago"),
        ZoneId.of("Europe/Madrid"),
        ZoneId.of("Australia/Sydney")
    };
    private static final double[] ZONE_SHARES = {0.3, 0.2, 0.2, 0.1, 0.1, 0.1};

    private final int index;
    private final String patientId;
    private final ZoneId zone;
    private final LocalDate surgeryDate;
    private final Side atRiskSide;
    private final Physiology body;
    private final BodyWeight weight;
    private final ClinicalCourse course;
    private final Habits habits;

    private VirtualPatient(
            int index,
            ZoneId zone,
            LocalDate surgeryDate,
            Side atRiskSide,
            Physiology body,
            BodyWeight weight,
            ClinicalCourse course,
            Habits habits) {
        this.index = index;
        this.patientId = Identifiers.patientId(index);
        this.zone = zone;
        this.surgeryDate = surgeryDate;
        this.atRiskSide = atRiskSide;
        this.body = body;
        this.weight = weight;
        this.course = course;
        this.habits = habits;
    }

    static VirtualPatient create(CohortConfig config, int index) {
        Dice bodyDice = Dice.forPatient(config.seed(), index, Dice.Purpose.BODY);
        ZoneId zone = zone(bodyDice.uniform(0, 1));
        LocalDate surgery =
                config.start().plusDays(bodyDice.between(0, config.enrolmentDays() - 1));
        Side atRisk = bodyDice.chance(0.5) ? Side.LEFT : Side.RIGHT;
        Physiology body = Physiology.draw(config.population().limb(), bodyDice);
        BodyWeight weight = BodyWeight.draw(config.days(), bodyDice);
        ClinicalCourse course =
                ClinicalCourse.draw(
                        config.incidence(),
                        config.days(),
                        Dice.forPatient(config.seed(), index, Dice.Purpose.COURSE));
        Habits habits =
                Habits.draw(
                        config.dailyCadence(),
                        config.population(),
                        Dice.forPatient(config.seed(), index, Dice.Purpose.HABITS));
        return new VirtualPatient(index, zone, surgery, atRisk, body, weight, course, habits);
    }

    private static ZoneId zone(double u) {
        double cumulative = 0;
        for (int i = 0; i < ZONES.length; i++) {
            cumulative += ZONE_SHARES[i];
            if (u < cumulative) {
                return ZONES[i];
            }
        }
        return ZONES[ZONES.length - 1];
    }

    public int index() {
        return index;
    }

    public String patientId() {
        return patientId;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate surgeryDate() {
        return surgeryDate;
    }

    /** Follow-up days from surgery. */
    public int days() {
        return course.length();
    }

    public Side atRiskSide() {
        return atRiskSide;
    }

    public Side dominantSide() {
        return body.dominantSide();
    }

    public boolean dominantSideAtRisk() {
        return atRiskSide == body.dominantSide();
    }

    /** The course the patient is on, even if it only shows after follow-up ends. */
    public CourseKind plannedCourse() {
        return course.planned();
    }

    /** Pre-operative, noise-free volume: the baseline truth is computed against. */
    public double baselineVolumeMl(Side side) {
        return body.volumeMl(side);
    }

    /** Pre-operative, noise-free R0. */
    public double baselineR0Ohm(Side side) {
        return body.r0Ohm(side);
    }

    /** The daily (waking) true volume of an arm. */
    public double trueVolumeMl(Side side, int day) {
        double v = body.volumeMl(side) * weight.factor(day);
        return side == atRiskSide ? v * (1 + course.excess(day)) : v;
    }

    /** The true volume at a time of day, with diurnal swelling: least on waking at 07:00. */
    public double volumeMlAt(Side side, int day, LocalTime time) {
        double hours = time.toSecondOfDay() / 3600.0;
        double diurnal =
                body.diurnalAmplitude() / 2 * (1 - Math.cos(2 * Math.PI * (hours - 7) / 24));
        return trueVolumeMl(side, day) * (1 + diurnal);
    }

    /**
     * True relative volume change (Ancukiewicz 2011), RVC = (A2·U1)/(U2·A1) − 1, from the daily
     * true volumes and the noise-free pre-operative baseline.
     */
    public double relativeVolumeChange(int day) {
        Side unaffected = atRiskSide.opposite();
        return trueVolumeMl(atRiskSide, day)
                        * baselineVolumeMl(unaffected)
                        / (trueVolumeMl(unaffected, day) * baselineVolumeMl(atRiskSide))
                - 1;
    }

    /** True R0 of an arm; extra fluid in the at-risk arm lowers it. */
    public double r0Ohm(Side side, int day) {
        double r0 = body.r0Ohm(side);
        return side == atRiskSide ? r0 / (1 + FLUID_SENSITIVITY * course.excess(day)) : r0;
    }

    /** The L-Dex a noise-free bioimpedance device would show. */
    public double trueLDex(int day) {
        return LDex.score(
                r0Ohm(atRiskSide, day), r0Ohm(atRiskSide.opposite(), day), dominantSideAtRisk());
    }

    /** Course and weight episodes: what happened to the patient, not to the devices. */
    public List<Episode> episodes() {
        List<Episode> all = new ArrayList<>(course.episodes());
        weight.change().ifPresent(all::add);
        return all;
    }

    boolean in(EpisodeType type, int day) {
        return episodeOn(type, day) != null;
    }

    /** The episode of this type covering the day, if any. */
    Episode episodeOn(EpisodeType type, int day) {
        for (Episode e : course.episodes()) {
            if (e.type() == type && e.covers(day)) {
                return e;
            }
        }
        return null;
    }

    public boolean respondsToMassage() {
        return course.respondsToMassage();
    }

    public LocalDate date(int day) {
        return surgeryDate.plusDays(day);
    }

    public ZonedDateTime startOfDay(int day) {
        return date(day).atStartOfDay(zone);
    }

    /** The monitored limb: both arms or both legs, one of them at risk. */
    public Limb limb() {
        return body.limb();
    }

    Physiology body() {
        return body;
    }

    Habits habits() {
        return habits;
    }
}

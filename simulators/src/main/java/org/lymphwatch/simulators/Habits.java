package org.lymphwatch.simulators;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * How a patient measures at home: which devices, how often, when, and how reliably.
 *
 * @param cadenceDays 1 (daily) or 7 (weekly), as agreed with the clinic (patients.jsonl)
 * @param measuringDay the weekday of a weekly patient
 * @param usualTime the time of day the patient usually measures: mornings for most, evenings for
 *     some
 * @param missed probability of skipping a scheduled measurement
 * @param firstDay the first day after surgery with home measurements (home from hospital)
 * @param tapePointErrorCm SD of this patient's error per tape circumference, 0.3-0.5 cm
 */
record Habits(
        int cadenceDays,
        DayOfWeek measuringDay,
        LocalTime usualTime,
        double missed,
        int firstDay,
        boolean perometer,
        boolean tapeApp,
        boolean bioimpedanceScale,
        double tapePointErrorCm) {

    static Habits draw(double dailyCadence, Population population, Dice dice) {
        int cadence = dice.chance(dailyCadence) ? 1 : 7;
        DayOfWeek day = DayOfWeek.of(dice.between(1, 7));
        int minute =
                dice.chance(0.7)
                        ? dice.between(7 * 60, 9 * 60)
                        : dice.between(19 * 60, 21 * 60 + 30);
        double missed = dice.uniform(population.minMissed(), population.maxMissed());
        int firstDay = dice.between(1, 7);
        // Most patients have a perometer or the tape-measure app, some also a bioimpedance scale;
        // one in ten has the scale only.
        double volumeDevice = dice.uniform(0, 1);
        boolean perometer = volumeDevice < 0.45;
        boolean tape = volumeDevice >= 0.45 && volumeDevice < 0.9;
        boolean scale = !(perometer || tape) || dice.chance(0.25);
        if (population.devices() == Population.DeviceMix.TAPE_ONLY) {
            perometer = false;
            tape = true;
            scale = false;
        }
        return new Habits(
                cadence,
                day,
                LocalTime.ofSecondOfDay(minute * 60L),
                missed,
                firstDay,
                perometer,
                tape,
                scale,
                dice.uniform(0.3, 0.5));
    }

    boolean scheduled(DayOfWeek day) {
        return cadenceDays == 1 || day == measuringDay;
    }
}

package org.lymphwatch.simulators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;

/**
 * One patient simulated forward in time, a stretch at a time, so that a whole cohort can stream out
 * in arrival order while holding only the messages still in flight. However the stretches are cut,
 * the patient's random streams are drawn in the same order, so the output is the same.
 */
final class PatientSimulation {

    private static final Comparator<Delivery> ARRIVAL = Comparator.comparing(Delivery::arrivalAt);

    private final VirtualPatient model;
    private final Patient record;
    private final HomeMonitoring home;
    private final DeviceFaults faults;
    private final List<Delivery> inFlight = new ArrayList<>();
    private int nextDay;

    PatientSimulation(CohortConfig config, int index) {
        long seed = config.seed();
        this.model = VirtualPatient.create(config, index);
        this.record =
                new Patient(
                        Reading.SCHEMA,
                        model.patientId(),
                        model.limb(),
                        model.atRiskSide(),
                        model.dominantSide(),
                        model.surgeryDate(),
                        model.habits().cadenceDays(),
                        baseline(
                                model,
                                config.missingBaseline(),
                                Dice.forPatient(seed, index, Dice.Purpose.BASELINE)));
        this.home =
                new HomeMonitoring(
                        model,
                        seed,
                        Dice.forPatient(seed, index, Dice.Purpose.ROUTINE),
                        Dice.forPatient(seed, index, Dice.Purpose.NOISE));
        this.faults =
                new DeviceFaults(
                        config.faults(), model, Dice.forPatient(seed, index, Dice.Purpose.FAULTS));
    }

    VirtualPatient model() {
        return model;
    }

    Patient record() {
        return record;
    }

    /**
     * Simulates every day that starts before {@code until} and returns, in arrival order, the
     * messages that arrive before it. Nothing simulated later can arrive earlier: a message never
     * arrives before it was measured.
     */
    List<Delivery> advance(Instant until) {
        int day = nextDay;
        while (day < model.days() && model.startOfDay(day).toInstant().isBefore(until)) {
            day++;
        }
        inFlight.addAll(faults.deliver(home.days(nextDay, day)));
        nextDay = day;
        // Stable: messages arriving at the same instant keep the order they were sent in.
        inFlight.sort(ARRIVAL);
        int ready = 0;
        while (ready < inFlight.size() && inFlight.get(ready).arrivalAt().isBefore(until)) {
            ready++;
        }
        List<Delivery> arrived = new ArrayList<>(inFlight.subList(0, ready));
        inFlight.subList(0, ready).clear();
        return arrived;
    }

    boolean finished() {
        return nextDay >= model.days() && inFlight.isEmpty();
    }

    /** The ground truth; complete once the simulation has finished. */
    GroundTruth truth() {
        List<Episode> deviceEpisodes = new ArrayList<>(home.gaps());
        deviceEpisodes.addAll(faults.offline());
        return GroundTruth.of(model, deviceEpisodes);
    }

    /**
     * Measured in clinic before surgery: perometer volumes as the mean of three measurements, and
     * L-Dex for patients who get a bioimpedance scale.
     */
    private static Baseline baseline(VirtualPatient p, double missing, Dice dice) {
        if (dice.chance(missing)) {
            return null;
        }
        Side atRisk = p.atRiskSide();
        double error = Perometer.ERROR / Math.sqrt(3);
        double atRiskMl = p.baselineVolumeMl(atRisk) * (1 + dice.normal(0, error));
        double unaffectedMl = p.baselineVolumeMl(atRisk.opposite()) * (1 + dice.normal(0, error));
        Double lDex = null;
        if (p.habits().bioimpedanceScale()) {
            double r0AtRisk =
                    p.baselineR0Ohm(atRisk) * (1 + dice.normal(0, BioimpedanceScale.R0_ERROR));
            double r0Unaffected =
                    p.baselineR0Ohm(atRisk.opposite())
                            * (1 + dice.normal(0, BioimpedanceScale.R0_ERROR));
            lDex = Readings.tenths(LDex.score(r0AtRisk, r0Unaffected, p.dominantSideAtRisk()));
        }
        return new Baseline(Readings.tenths(atRiskMl), Readings.tenths(unaffectedMl), lDex);
    }
}

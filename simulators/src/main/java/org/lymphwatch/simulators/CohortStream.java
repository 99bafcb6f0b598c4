package org.lymphwatch.simulators;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.lymphwatch.model.Patient;

/**
 * A cohort generated as it is read: every message of every patient in arrival order, with memory
 * for only a week of messages at a time. The patients are known from the start, the ground truth
 * once the stream is exhausted.
 *
 * <p>Each week, all patients are simulated up to the week's end in parallel; their arrivals are
 * then ordered by time, ties by patient index, so the order never depends on thread scheduling.
 */
public final class CohortStream implements Iterator<Delivery> {

    private static final Duration STEP = Duration.ofDays(7);
    private static final Comparator<Delivery> ARRIVAL = Comparator.comparing(Delivery::arrivalAt);

    private final PatientSimulation[] simulations;
    private final Deque<Delivery> ready = new ArrayDeque<>();
    private Instant until;

    CohortStream(CohortConfig config) {
        this.simulations =
                IntStream.range(0, config.patients())
                        .parallel()
                        .mapToObj(i -> new PatientSimulation(config, i))
                        .toArray(PatientSimulation[]::new);
        // Before the first surgery anywhere on earth.
        this.until = config.start().minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public List<Patient> patients() {
        return Arrays.stream(simulations).map(PatientSimulation::record).toList();
    }

    /**
     * @throws IllegalStateException while messages are still to come
     */
    public List<GroundTruth> truths() {
        if (hasNext()) {
            throw new IllegalStateException("the ground truth is complete only at the end");
        }
        return Arrays.stream(simulations).map(PatientSimulation::truth).toList();
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !finished()) {
            step();
        }
        return !ready.isEmpty();
    }

    @Override
    public Delivery next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    List<PatientSimulation> simulations() {
        return List.of(simulations);
    }

    private boolean finished() {
        for (PatientSimulation s : simulations) {
            if (!s.finished()) {
                return false;
            }
        }
        return true;
    }

    private void step() {
        until = until.plus(STEP);
        Instant end = until;
        List<List<Delivery>> arrived =
                Arrays.stream(simulations).parallel().map(s -> s.advance(end)).toList();
        List<Delivery> week = new ArrayList<>();
        arrived.forEach(week::addAll);
        // Stable sort of lists concatenated in patient order: ties go to the lower index.
        week.sort(ARRIVAL);
        ready.addAll(week);
    }
}

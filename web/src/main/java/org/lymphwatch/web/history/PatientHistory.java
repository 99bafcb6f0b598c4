package org.lymphwatch.web.history;

import java.time.Instant;
import java.util.List;
import org.lymphwatch.model.Side;

/**
 * A patient's history from the store, for the patient page's plots: the one port with two adapters,
 * {@link QuestDbHistory} (SQL, the embedded store) and {@link InfluxHistory} (Flux, InfluxDB 2 in
 * production). Both read the measurements of {@code org.lymphwatch.model.store.Measurements};
 * points are in time order, the newest {@link #MAX_POINTS} of each kind.
 */
public interface PatientHistory extends AutoCloseable {

    int MAX_POINTS = 5000;

    /**
     * @param patientId a pseudonymous id already checked against the id pattern
     * @throws StoreUnavailable when the store cannot be read
     */
    History of(String patientId);

    @Override
    default void close() {}

    /** A limb volume as measured (or converted from tape), with the reading it came from. */
    record VolumePoint(Instant at, Side side, double volumeMl, String readingId) {}

    /** Swelling metrics and the rolling trend (%/week with its 95 % CI) of one evaluation. */
    record SwellingPoint(
            Instant at,
            Double rvcPct,
            Double ilvdPct,
            Double lDexDelta,
            Double trendSlopePctPerWeek,
            Double trendCiLowPctPerWeek,
            Double trendCiHighPctPerWeek) {}

    record BioimpedancePoint(Instant at, Double lDex, Double r0Ratio, String readingId) {}

    /** What the patient reported that a clinician reads swelling against. */
    record ContextEvent(
            Instant at, boolean massageSession, boolean fever, boolean redness, String readingId) {}

    record History(
            List<VolumePoint> volumes,
            List<SwellingPoint> swelling,
            List<BioimpedancePoint> bioimpedance,
            List<ContextEvent> context) {}

    /** The store did not answer; the page says so instead of showing empty plots. */
    final class StoreUnavailable extends RuntimeException {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

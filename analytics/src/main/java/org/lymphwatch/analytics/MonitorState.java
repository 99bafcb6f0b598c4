package org.lymphwatch.analytics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a {@link PatientMonitor} remembers about one patient: a plain serializable object
 * graph (records, ArrayList, TreeMap; no lambdas, no commons-math objects), to be kept in Flink
 * keyed state. Bounded: readings of the last {@link Thresholds#retention()} (44 days by default, at
 * most {@link Thresholds.Timing#maxPoints()}), the alert-machine changes among them, and the
 * published alerts still open or within {@link Thresholds.Timing#maxLateness()}. Measured with
 * {@link #toBytes()}: about 17 KB (at most 20 KB) for a patient measuring both arms daily, L-Dex
 * weekly and reporting massage every other day; about 100 KB at the cap of 1024 readings.
 */
public final class MonitorState implements Serializable {

    private static final long serialVersionUID = 1L;

    Profile profile;
    final Timeline timeline = new Timeline();
    final AlertInbox inbox = new AlertInbox();

    /** Episodes decided on arrival rather than by event time: STALE_DATA and device problems. */
    final TreeMap<String, AlertEpisode> arrivalOpen = new TreeMap<>();

    /** Event time of the newest reading. */
    long newestMs = Long.MIN_VALUE;

    /** The clock when the patient was last heard from, for STALE_DATA. */
    long lastHeardMs = Long.MIN_VALUE;

    int lastHeardOffsetSeconds;
    String lastHeardReadingId;

    /** The latest time the monitor was told about (readings' event time or onTime). */
    long clockMs = Long.MIN_VALUE;

    MonitorState(Profile profile) {
        this.profile = profile;
    }

    /** Java serialization of the whole state, e.g. for a {@code ValueState<byte[]>}. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MonitorState fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (MonitorState) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not a lymphwatch monitor state", e);
        }
    }

    /** Number of readings held. */
    public int readings() {
        return timeline.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MonitorState s
                && profile.equals(s.profile)
                && timeline.equals(s.timeline)
                && inbox.equals(s.inbox)
                && arrivalOpen.equals(s.arrivalOpen)
                && newestMs == s.newestMs
                && lastHeardMs == s.lastHeardMs
                && lastHeardOffsetSeconds == s.lastHeardOffsetSeconds
                && Objects.equals(lastHeardReadingId, s.lastHeardReadingId)
                && clockMs == s.clockMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, timeline, newestMs);
    }
}

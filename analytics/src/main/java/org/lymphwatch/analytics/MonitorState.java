package org.lymphwatch.analytics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a {@link PatientMonitor} remembers about one patient: a plain object graph (records,
 * ArrayList, TreeMap; no lambdas, no commons-math objects), kept in Flink keyed state in the binary
 * form of {@link MonitorStateCodec}. Bounded: readings of the last {@link Thresholds#retention()}
 * (44 days by default, at most {@link Thresholds.Timing#maxPoints()}), the alert-machine changes
 * among them, and the published alerts still open or within {@link
 * Thresholds.Timing#maxLateness()}. Sizes measured with {@link #toBytes()} are in
 * docs/alert-rules.md.
 */
public final class MonitorState {

    Profile profile;
    final Timeline timeline;
    final AlertInbox inbox;

    /** Episodes decided on arrival rather than by event time: STALE_DATA and device problems. */
    final TreeMap<String, AlertEpisode> arrivalOpen;

    /** Event time of the newest reading. */
    long newestMs = Long.MIN_VALUE;

    /** The clock when the patient was last heard from, for STALE_DATA. */
    long lastHeardMs = Long.MIN_VALUE;

    int lastHeardOffsetSeconds;
    String lastHeardReadingId;

    /** The latest time the monitor was told about (readings' event time or onTime). */
    long clockMs = Long.MIN_VALUE;

    /**
     * The metrics of the newest evaluated pair as {@link PatientMonitor#status()} last computed
     * them; not state (rebuilt on demand), so not serialized and not compared.
     */
    transient StatusMetrics statusMetrics;

    /** The rules for {@link #profile}, kept between readings: not state either. */
    transient AlertRules rules;

    /**
     * Counts the calls of {@link PatientMonitor} that can change this state: the binary form last
     * written stays current while the count has not moved.
     */
    transient long changes;

    /** The binary form as last written by {@link #writeTo}, and the change count it is of. */
    private transient volatile Encoded encoded;

    private record Encoded(long changes, byte[] bytes) {}

    /** Metrics of one evaluated reading, valid while the timeline has not been edited since. */
    record StatusMetrics(String readingId, String partnerId, int edits, SwellingMetrics metrics) {}

    MonitorState(Profile profile) {
        this(profile, new Timeline(), new AlertInbox(), new TreeMap<>());
    }

    private MonitorState(
            Profile profile,
            Timeline timeline,
            AlertInbox inbox,
            TreeMap<String, AlertEpisode> arrivalOpen) {
        this.profile = profile;
        this.timeline = timeline;
        this.inbox = inbox;
        this.arrivalOpen = arrivalOpen;
    }

    /**
     * A copy that can change without changing this state, with what the timeline keeps between
     * readings: the job's heap state backend copies a patient's state before changing it while a
     * checkpoint is being written, at every first reading of a patient after a checkpoint, and a
     * copy through the binary form lost those and cost their rebuilding besides. Immutable parts
     * (points, transitions, episodes, events) are shared.
     */
    public MonitorState copy() {
        MonitorState c =
                new MonitorState(
                        profile, timeline.copy(), inbox.copy(), new TreeMap<>(arrivalOpen));
        c.newestMs = newestMs;
        c.lastHeardMs = lastHeardMs;
        c.lastHeardOffsetSeconds = lastHeardOffsetSeconds;
        c.lastHeardReadingId = lastHeardReadingId;
        c.clockMs = clockMs;
        // The status metrics are immutable and checked against the timeline's edits; the rules
        // hold the timeline they were built for, so the copy builds its own.
        c.statusMetrics = statusMetrics;
        c.changes = changes;
        c.encoded = encoded;
        return c;
    }

    /**
     * Writes the binary form of {@link MonitorStateCodec}; a state not changed since it was last
     * written writes the same bytes again without encoding them. The job's heap state backend
     * writes every patient's state at every checkpoint, and with many patients most of them have
     * not changed since the one before.
     */
    public void writeTo(DataOutput out) throws IOException {
        Encoded e = encoded;
        if (e == null || e.changes() != changes) {
            e = new Encoded(changes, toBytes());
            encoded = e;
        }
        out.write(e.bytes());
    }

    /** The whole state in the binary form of {@link MonitorStateCodec}. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            MonitorStateCodec.write(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MonitorState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return MonitorStateCodec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

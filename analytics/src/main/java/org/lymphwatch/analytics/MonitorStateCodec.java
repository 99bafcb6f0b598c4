package org.lymphwatch.analytics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * The binary form of a {@link MonitorState}: explicit, versioned and compact, so that Flink keeps
 * patients' state without Java serialization or Kryo, and a savepoint written by one version of
 * lymphwatch restores in the next.
 *
 * <p>Layout (version 2): a version byte, then the state field by field. Compact because most of a
 * state repeats itself: times are varint deltas from the previous reading, a readingId is stored as
 * the length of the prefix it shares with the previous one plus the rest, the partner of a paired
 * volume is the distance back to it in the timeline, and every string and alert event is written
 * once and then referred to by number (the transitions of the alert machine share most episodes).
 *
 * <p>A change of layout must raise {@link #VERSION} and keep reading every older version: {@code
 * MonitorStateCompatibilityTest} decodes state written by earlier versions from test resources.
 * Version 2 added to each alert machine when its slots last resolved ({@link
 * AlertStateMachine#resolvedMs()}); version 1 state reads with none remembered, so episodes closed
 * before the upgrade re-open without the cooldown.
 */
public final class MonitorStateCodec {

    /** The layout this class writes. */
    public static final int VERSION = 2;

    /** The oldest layout this class still reads. */
    static final int OLDEST = 1;

    private MonitorStateCodec() {}

    public static void write(MonitorState s, DataOutput out) throws IOException {
        out.writeByte(VERSION);
        new Writer(out).state(s);
    }

    /**
     * @throws IOException also when the bytes were written by an unknown (newer) version
     */
    public static MonitorState read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version < OLDEST || version > VERSION) {
            throw new IOException(
                    "monitor state of layout version "
                            + version
                            + "; this lymphwatch reads versions "
                            + OLDEST
                            + " to "
                            + VERSION);
        }
        return new Reader(in, version).state();
    }

    private static final class Writer {
        private final DataOutput out;
        private final Map<String, Integer> strings = new HashMap<>();
        private final Map<EpisodeEvent, Integer> events = new HashMap<>();
        private final Map<AlertEpisode, Integer> episodes = new HashMap<>();

        Writer(DataOutput out) {
            this.out = out;
        }

        void state(MonitorState s) throws IOException {
            profile(s.profile);
            timeline(s.timeline);
            inbox(s.inbox);
            episodeMap(s.arrivalOpen);
            varlong(zigzag(s.newestMs));
            varlong(zigzag(s.lastHeardMs));
            varint(zigzag(s.lastHeardOffsetSeconds));
            string(s.lastHeardReadingId);
            varlong(zigzag(s.clockMs));
        }

        void profile(Profile p) throws IOException {
            string(p.patientId());
            enumValue(p.limb());
            enumValue(p.atRiskSide());
            out.writeByte(p.dominantSideAtRisk() == null ? 0 : p.dominantSideAtRisk() ? 2 : 1);
            varlong(zigzag(p.surgeryDayStartMs()));
            varint(p.cadenceDays());
            out.writeDouble(p.baselineAtRiskMl());
            out.writeDouble(p.baselineUnaffectedMl());
            out.writeDouble(p.baselineLDex());
        }

        /**
         * Index of the partner of point {@code i} among the points before it, or -1: it was
         * measured at the partner's time, so a binary search finds it without a map of every
         * reading id.
         */
        private static int heldBefore(Timeline t, int i, Point p) {
            for (int k = t.firstAtOrAfter(p.partnerAtMs());
                    k < i && t.points.get(k).atMs() == p.partnerAtMs();
                    k++) {
                if (t.points.get(k).readingId().equals(p.partnerId())) {
                    return k;
                }
            }
            return -1;
        }

        void timeline(Timeline t) throws IOException {
            varint(t.points.size());
            long previousAt = 0;
            String previousId = "";
            for (int i = 0; i < t.points.size(); i++) {
                Point p = t.points.get(i);
                int partner = p.partnerId() == null ? -1 : heldBefore(t, i, p);
                boolean partnerHeld =
                        partner >= 0 && t.points.get(partner).volumeMl() == p.partnerVolumeMl();
                int flags =
                        p.kind().ordinal()
                                | (p.implausible() ? 4 : 0)
                                | (p.partnerId() == null ? 0 : partnerHeld ? 8 : 16);
                out.writeByte(flags);
                varlong(zigzag(p.atMs() - previousAt));
                varint(zigzag(p.offsetSeconds()));
                sharedPrefix(previousId, p.readingId());
                switch (p.kind()) {
                    case VOLUME -> {
                        enumValue(p.side());
                        enumValue(p.method());
                        out.writeDouble(p.volumeMl());
                    }
                    case BIOIMPEDANCE -> {
                        out.writeDouble(p.lDex());
                        out.writeDouble(p.r0AtRiskOhm());
                        out.writeDouble(p.r0UnaffectedOhm());
                    }
                    case CONTEXT -> varint(p.context());
                }
                if (partnerHeld) {
                    varint(i - partner);
                } else if (p.partnerId() != null) {
                    string(p.partnerId());
                    out.writeDouble(p.partnerVolumeMl());
                    varlong(zigzag(p.atMs() - p.partnerAtMs()));
                }
                previousAt = p.atMs();
                previousId = p.readingId();
            }
            machine(t.base);
            varint(t.transitions.size());
            for (Transition tr : t.transitions) {
                varlong(zigzag(tr.atMs()));
                string(tr.readingId());
                machine(tr.after());
                varint(tr.events().size());
                for (EpisodeEvent e : tr.events()) {
                    event(e);
                }
            }
        }

        void machine(AlertStateMachine m) throws IOException {
            episodeMap(m.open());
            AlertStateMachine.MassageCourse c = m.course();
            out.writeBoolean(c != null);
            if (c != null) {
                varlong(zigzag(c.startMs()));
                out.writeDouble(c.referencePct());
                varint(c.sessions());
            }
            varlong(zigzag(m.noResponseOpenedMs()));
            varint(m.resolvedMs().size());
            for (Map.Entry<String, Long> e : m.resolvedMs().entrySet()) {
                string(e.getKey());
                varlong(zigzag(e.getValue()));
            }
        }

        void episodeMap(Map<String, AlertEpisode> map) throws IOException {
            varint(map.size());
            for (Map.Entry<String, AlertEpisode> e : map.entrySet()) {
                string(e.getKey());
                episode(e.getValue());
            }
        }

        void episode(AlertEpisode ep) throws IOException {
            Integer ref = episodes.get(ep);
            varint(ref == null ? 0 : ref + 1);
            if (ref != null) {
                return;
            }
            episodes.put(ep, episodes.size());
            string(ep.slot());
            string(ep.alertId());
            varlong(zigzag(ep.openedMs()));
            varint(ep.level());
            out.writeDouble(ep.reference());
            varlong(zigzag(ep.anchorMs()));
            event(ep.opened());
            event(ep.latest());
        }

        void event(EpisodeEvent e) throws IOException {
            Integer ref = events.get(e);
            varint(ref == null ? 0 : ref + 1);
            if (ref != null) {
                return;
            }
            events.put(e, events.size());
            string(e.alertId());
            string(e.slot());
            enumValue(e.type());
            enumValue(e.limb());
            enumValue(e.side());
            enumValue(e.state());
            varint(e.level());
            varlong(zigzag(e.atMs()));
            varint(zigzag(e.offsetSeconds()));
            string(e.metric());
            out.writeDouble(e.value());
            out.writeDouble(e.threshold());
            string(e.message());
            varint(e.evidence().size());
            for (String id : e.evidence()) {
                string(id);
            }
        }

        void inbox(AlertInbox inbox) throws IOException {
            varint(inbox.published.size());
            for (AlertInbox.Published p : inbox.published.values()) {
                string(p.slot);
                varint(p.level);
                out.writeByte(
                        (p.open ? 1 : 0)
                                | (p.closedByClinician ? 2 : 0)
                                | (p.acknowledged ? 4 : 0));
                varlong(zigzag(p.lastAtMs));
                event(p.latest);
                varint(p.revision);
            }
            varint(inbox.snoozedUntil.size());
            for (Map.Entry<String, Long> e : inbox.snoozedUntil.entrySet()) {
                string(e.getKey());
                varlong(zigzag(e.getValue()));
            }
        }

        /** A string once, then its number; null is 0. */
        void string(String s) throws IOException {
            if (s == null) {
                varint(0);
                return;
            }
            Integer ref = strings.get(s);
            if (ref != null) {
                varint(ref + 2);
                return;
            }
            strings.put(s, strings.size());
            varint(1);
            out.writeUTF(s);
        }

        void sharedPrefix(String previous, String id) throws IOException {
            int n = 0;
            int max = Math.min(previous.length(), id.length());
            while (n < max && previous.charAt(n) == id.charAt(n)) {
                n++;
            }
            varint(n);
            out.writeUTF(id.substring(n));
        }

        void enumValue(Enum<?> e) throws IOException {
            out.writeByte(e == null ? 0 : e.ordinal() + 1);
        }

        void varint(int v) throws IOException {
            varlong(v & 0xFFFFFFFFL);
        }

        void varlong(long v) throws IOException {
            while ((v & ~0x7FL) != 0) {
                out.writeByte((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.writeByte((int) v);
        }
    }

    private static final class Reader {
        private final DataInput in;
        private final int version;
        private final List<String> strings = new ArrayList<>();
        private final List<EpisodeEvent> events = new ArrayList<>();
        private final List<AlertEpisode> episodes = new ArrayList<>();

        Reader(DataInput in, int version) {
            this.in = in;
            this.version = version;
        }

        MonitorState state() throws IOException {
            MonitorState s = new MonitorState(profile());
            timeline(s.timeline);
            inbox(s.inbox);
            s.arrivalOpen.putAll(episodeMap());
            s.newestMs = unzigzag(varlong());
            s.lastHeardMs = unzigzag(varlong());
            s.lastHeardOffsetSeconds = unzigzag(varint());
            s.lastHeardReadingId = string();
            s.clockMs = unzigzag(varlong());
            return s;
        }

        Profile profile() throws IOException {
            String patientId = string();
            Limb limb = enumValue(Limb.values());
            Side side = enumValue(Side.values());
            int dominant = in.readUnsignedByte();
            return new Profile(
                    patientId,
                    limb,
                    side,
                    dominant == 0 ? null : dominant == 2,
                    unzigzag(varlong()),
                    varint(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readDouble());
        }

        void timeline(Timeline t) throws IOException {
            int n = varint();
            t.points.ensureCapacity(n);
            long at = 0;
            String id = "";
            for (int i = 0; i < n; i++) {
                int flags = in.readUnsignedByte();
                Point.Kind kind = Point.Kind.values()[flags & 3];
                at += unzigzag(varlong());
                int offset = unzigzag(varint());
                int shared = varint();
                id = id.substring(0, shared) + in.readUTF();
                Side side = null;
                VolumeMethod method = null;
                double volume = Double.NaN;
                double lDex = Double.NaN;
                double r0AtRisk = Double.NaN;
                double r0Unaffected = Double.NaN;
                int context = 0;
                switch (kind) {
                    case VOLUME -> {
                        side = enumValue(Side.values());
                        method = enumValue(VolumeMethod.values());
                        volume = in.readDouble();
                    }
                    case BIOIMPEDANCE -> {
                        lDex = in.readDouble();
                        r0AtRisk = in.readDouble();
                        r0Unaffected = in.readDouble();
                    }
                    case CONTEXT -> context = varint();
                }
                String partnerId = null;
                double partnerVolume = Double.NaN;
                long partnerAt = 0;
                if ((flags & 8) != 0) {
                    Point q = t.points.get(i - varint());
                    partnerId = q.readingId();
                    partnerVolume = q.volumeMl();
                    partnerAt = q.atMs();
                } else if ((flags & 16) != 0) {
                    partnerId = string();
                    partnerVolume = in.readDouble();
                    partnerAt = at - unzigzag(varlong());
                }
                t.points.add(
                        new Point(
                                id,
                                at,
                                offset,
                                kind,
                                side,
                                method,
                                volume,
                                lDex,
                                r0AtRisk,
                                r0Unaffected,
                                context,
                                (flags & 4) != 0,
                                partnerId,
                                partnerVolume,
                                partnerAt));
            }
            t.base = machine();
            int transitions = varint();
            t.transitions.ensureCapacity(transitions);
            for (int i = 0; i < transitions; i++) {
                long trAt = unzigzag(varlong());
                String readingId = string();
                AlertStateMachine after = machine();
                int count = varint();
                List<EpisodeEvent> evs = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    evs.add(event());
                }
                t.transitions.add(new Transition(trAt, readingId, after, evs));
            }
        }

        AlertStateMachine machine() throws IOException {
            TreeMap<String, AlertEpisode> open = episodeMap();
            AlertStateMachine.MassageCourse course = null;
            if (in.readBoolean()) {
                course =
                        new AlertStateMachine.MassageCourse(
                                unzigzag(varlong()), in.readDouble(), varint());
            }
            long noResponseOpenedMs = unzigzag(varlong());
            TreeMap<String, Long> resolved = new TreeMap<>();
            if (version >= 2) {
                int n = varint();
                for (int i = 0; i < n; i++) {
                    resolved.put(string(), unzigzag(varlong()));
                }
            }
            return new AlertStateMachine(open, course, noResponseOpenedMs, resolved);
        }

        TreeMap<String, AlertEpisode> episodeMap() throws IOException {
            int n = varint();
            TreeMap<String, AlertEpisode> map = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String slot = string();
                map.put(slot, episode());
            }
            return map;
        }

        AlertEpisode episode() throws IOException {
            int ref = varint();
            if (ref > 0) {
                return episodes.get(ref - 1);
            }
            int slot = episodes.size();
            episodes.add(null);
            AlertEpisode ep =
                    new AlertEpisode(
                            string(),
                            string(),
                            unzigzag(varlong()),
                            varint(),
                            in.readDouble(),
                            unzigzag(varlong()),
                            event(),
                            event());
            episodes.set(slot, ep);
            return ep;
        }

        EpisodeEvent event() throws IOException {
            int ref = varint();
            if (ref > 0) {
                return events.get(ref - 1);
            }
            int slot = events.size();
            events.add(null);
            String alertId = string();
            String eventSlot = string();
            AlertType type = enumValue(AlertType.values());
            Limb limb = enumValue(Limb.values());
            Side side = enumValue(Side.values());
            AlertState state = enumValue(AlertState.values());
            int level = varint();
            long at = unzigzag(varlong());
            int offset = unzigzag(varint());
            String metric = string();
            double value = in.readDouble();
            double threshold = in.readDouble();
            String message = string();
            int n = varint();
            List<String> evidence = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                evidence.add(string());
            }
            EpisodeEvent e =
                    new EpisodeEvent(
                            alertId, eventSlot, type, limb, side, state, level, at, offset, metric,
                            value, threshold, message, evidence);
            events.set(slot, e);
            return e;
        }

        void inbox(AlertInbox inbox) throws IOException {
            int n = varint();
            for (int i = 0; i < n; i++) {
                String slot = string();
                int level = varint();
                int flags = in.readUnsignedByte();
                long lastAt = unzigzag(varlong());
                EpisodeEvent latest = event();
                int revision = varint();
                inbox.published.put(
                        latest.alertId(),
                        new AlertInbox.Published(
                                slot,
                                level,
                                (flags & 1) != 0,
                                (flags & 2) != 0,
                                (flags & 4) != 0,
                                lastAt,
                                latest,
                                revision));
            }
            int snoozes = varint();
            for (int i = 0; i < snoozes; i++) {
                inbox.snoozedUntil.put(string(), unzigzag(varlong()));
            }
        }

        String string() throws IOException {
            int ref = varint();
            if (ref == 0) {
                return null;
            }
            if (ref > 1) {
                return strings.get(ref - 2);
            }
            String s = in.readUTF();
            strings.add(s);
            return s;
        }

        <E extends Enum<E>> E enumValue(E[] values) throws IOException {
            int v = in.readUnsignedByte();
            return v == 0 ? null : values[v - 1];
        }

        int varint() throws IOException {
            return (int) varlong();
        }

        long varlong() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.readUnsignedByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("malformed varint in monitor state");
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static int unzigzag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }
}

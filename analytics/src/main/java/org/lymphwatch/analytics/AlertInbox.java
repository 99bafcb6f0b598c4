package org.lymphwatch.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.OpenAlert;

/**
 * The clinicians' side of alerts: what has been published about each episode, and the holds
 * clinicians placed on them. The rules decide what is true; the inbox decides what is said:
 *
 * <ul>
 *   <li>an episode is OPENED once, each escalation level is published once, RESOLVED once;
 *   <li>ACKNOWLEDGE marks the open alert seen, until it escalates;
 *   <li>SNOOZE until T holds back new episodes of the same slot until T; an escalation breaks
 *       through (and ends the snooze); at T what is still open is published;
 *   <li>RESOLVE closes the alert at once; the episode stays quiet until it escalates;
 *   <li>when a late reading changes the event-time picture, an alert the rules no longer hold open
 *       is resolved as withdrawn, and one they hold open again is REOPENED (same alertId);
 *   <li>every published event of an alertId carries the next revision (1, 2, ...), so no two events
 *       are the same and a consumer keeps the highest revision as the current state.
 * </ul>
 */
final class AlertInbox {

    /** What was published about one episode. */
    static final class Published {
        final String slot;
        int level;
        boolean open;
        boolean closedByClinician;
        boolean acknowledged;
        long lastAtMs;
        EpisodeEvent latest;
        int revision;

        Published(EpisodeEvent e) {
            this.slot = e.slot();
            this.level = e.level();
            this.open = true;
            this.lastAtMs = e.atMs();
            this.latest = e;
        }

        /** For the state serializer. */
        Published(
                String slot,
                int level,
                boolean open,
                boolean closedByClinician,
                boolean acknowledged,
                long lastAtMs,
                EpisodeEvent latest,
                int revision) {
            this.slot = slot;
            this.level = level;
            this.open = open;
            this.closedByClinician = closedByClinician;
            this.acknowledged = acknowledged;
            this.lastAtMs = lastAtMs;
            this.latest = latest;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Published p
                    && slot.equals(p.slot)
                    && level == p.level
                    && open == p.open
                    && closedByClinician == p.closedByClinician
                    && acknowledged == p.acknowledged
                    && lastAtMs == p.lastAtMs
                    && revision == p.revision
                    && latest.equals(p.latest);
        }

        @Override
        public int hashCode() {
            return Objects.hash(slot, level, open, lastAtMs);
        }
    }

    /** Where a change came from, for withdrawals: the reading whose arrival changed things. */
    record Trigger(long atMs, int offsetSeconds, String readingId) {}

    /** An event as published: the episode's change and its revision within the alertId. */
    record Stamped(EpisodeEvent event, int revision) {}

    final TreeMap<String, Published> published = new TreeMap<>();
    final TreeMap<String, Long> snoozedUntil = new TreeMap<>();

    /** A copy to change on its own: what was published is mutable, the events in it are not. */
    AlertInbox copy() {
        AlertInbox c = new AlertInbox();
        published.forEach(
                (slot, p) ->
                        c.published.put(
                                slot,
                                new Published(
                                        p.slot,
                                        p.level,
                                        p.open,
                                        p.closedByClinician,
                                        p.acknowledged,
                                        p.lastAtMs,
                                        p.latest,
                                        p.revision)));
        c.snoozedUntil.putAll(snoozedUntil);
        return c;
    }

    /**
     * Publishes what the rules decided, as far as the holds allow.
     *
     * @param events new decisions, in event-time order (a re-evaluation repeats earlier ones)
     * @param open every episode the rules hold open now, by slot
     * @param trigger the reading that caused the re-evaluation, or {@code null}
     */
    List<Stamped> reconcile(
            List<EpisodeEvent> events,
            Map<String, AlertEpisode> open,
            long clockMs,
            Trigger trigger) {
        List<Stamped> out = new ArrayList<>();
        for (EpisodeEvent e : events) {
            Published pub = published.get(e.alertId());
            switch (e.state()) {
                case OPENED -> {
                    if (pub == null && !snoozed(e.slot(), clockMs)) {
                        publish(e, out);
                    }
                }
                case ESCALATED -> escalate(e, pub, events, open, out);
                case RESOLVED -> {
                    if (pub != null && pub.open) {
                        publish(e, out);
                    }
                }
            }
        }
        if (trigger == null) {
            return out;
        }
        TreeMap<String, AlertEpisode> openById = new TreeMap<>();
        open.values().forEach(ep -> openById.put(ep.alertId(), ep));
        for (Published pub : new ArrayList<>(published.values())) {
            if (pub.open && !openById.containsKey(pub.latest.alertId())) {
                publish(
                        pub.latest.as(
                                AlertState.RESOLVED,
                                trigger.atMs(),
                                trigger.offsetSeconds(),
                                AlertMessages.withdrawn(trigger.readingId()),
                                List.of(trigger.readingId())),
                        out);
            }
        }
        for (AlertEpisode ep : openById.values()) {
            Published pub = published.get(ep.alertId());
            if (pub != null && !pub.open && !pub.closedByClinician) {
                EpisodeEvent latest = ep.latest();
                List<String> evidence = new ArrayList<>(latest.evidence());
                evidence.add(trigger.readingId());
                publish(
                        new EpisodeEvent(
                                latest.alertId(),
                                latest.slot(),
                                latest.type(),
                                latest.limb(),
                                latest.side(),
                                AlertState.REOPENED,
                                ep.level(),
                                trigger.atMs(),
                                trigger.offsetSeconds(),
                                latest.metric(),
                                latest.value(),
                                latest.threshold(),
                                AlertMessages.reopened(trigger.readingId(), latest.message()),
                                evidence),
                        out);
            }
        }
        return out;
    }

    private void escalate(
            EpisodeEvent e,
            Published pub,
            List<EpisodeEvent> events,
            Map<String, AlertEpisode> open,
            List<Stamped> out) {
        if (pub != null && e.level() <= pub.level) {
            return;
        }
        if (pub == null) {
            // Held back by a snooze: the escalation breaks through, with the opening first.
            EpisodeEvent opening = opening(e, events, open);
            if (opening != null) {
                publish(opening, out);
            }
            snoozedUntil.remove(e.slot());
        }
        publish(e, out);
    }

    private static EpisodeEvent opening(
            EpisodeEvent e, List<EpisodeEvent> events, Map<String, AlertEpisode> open) {
        for (EpisodeEvent o : events) {
            if (o.alertId().equals(e.alertId()) && o.state() == AlertState.OPENED) {
                return o;
            }
        }
        AlertEpisode ep = open.get(e.slot());
        return ep != null && ep.alertId().equals(e.alertId()) ? ep.opened() : null;
    }

    private void publish(EpisodeEvent e, List<Stamped> out) {
        Published pub = published.get(e.alertId());
        switch (e.state()) {
            case OPENED -> {
                pub = new Published(e);
                published.put(e.alertId(), pub);
            }
            case ESCALATED, REOPENED -> {
                if (pub == null) {
                    pub = new Published(e);
                    published.put(e.alertId(), pub);
                }
                pub.level = e.level();
                pub.open = true;
                pub.closedByClinician = false;
                pub.acknowledged = false;
                pub.latest = e;
                pub.lastAtMs = Math.max(pub.lastAtMs, e.atMs());
            }
            case RESOLVED -> {
                pub.open = false;
                pub.latest = e;
                pub.lastAtMs = Math.max(pub.lastAtMs, e.atMs());
            }
        }
        pub.revision++;
        out.add(new Stamped(e, pub.revision));
    }

    /** Publishes an open episode from scratch: its opening and, if higher now, its level. */
    private void publishEpisode(AlertEpisode ep, List<Stamped> out) {
        publish(ep.opened(), out);
        if (ep.latest() != ep.opened() && ep.latest().state() == AlertState.ESCALATED) {
            publish(ep.latest(), out);
        }
    }

    private boolean snoozed(String slot, long clockMs) {
        Long until = snoozedUntil.get(slot);
        return until != null && clockMs < until;
    }

    /** Ends snoozes due by {@code clockMs} and publishes what they held back. */
    List<Stamped> expireSnoozes(long clockMs, Map<String, AlertEpisode> open) {
        List<Stamped> out = new ArrayList<>();
        List<String> due = new ArrayList<>();
        snoozedUntil.forEach(
                (slot, until) -> {
                    if (until <= clockMs) {
                        due.add(slot);
                    }
                });
        for (String slot : due) {
            snoozedUntil.remove(slot);
            AlertEpisode ep = open.get(slot);
            if (ep != null && !published.containsKey(ep.alertId())) {
                publishEpisode(ep, out);
            }
        }
        return out;
    }

    Long nextSnoozeExpiry() {
        return snoozedUntil.isEmpty()
                ? null
                : snoozedUntil.values().stream().min(Long::compare).orElseThrow();
    }

    /** Applies a clinician's action; unknown alerts are ignored (they may be long closed). */
    List<Stamped> act(AlertAction a) {
        Published pub = published.get(a.alertId());
        if (pub == null) {
            return List.of();
        }
        switch (a.action()) {
            case ACKNOWLEDGE -> pub.acknowledged = pub.open;
            case SNOOZE -> {
                if (a.until() != null) {
                    snoozedUntil.merge(pub.slot, a.until().toInstant().toEpochMilli(), Math::max);
                }
            }
            case RESOLVE -> {
                if (pub.open) {
                    List<Stamped> out = new ArrayList<>();
                    publish(
                            pub.latest.as(
                                    AlertState.RESOLVED,
                                    a.at().toInstant().toEpochMilli(),
                                    a.at().getOffset().getTotalSeconds(),
                                    AlertMessages.resolvedByClinician(a.by()),
                                    List.of()),
                            out);
                    pub.closedByClinician = true;
                    return out;
                }
            }
        }
        return List.of();
    }

    /**
     * Forgets closed episodes whose events lie before {@code horizonMs}: no re-evaluation can
     * repeat them. A clinician's RESOLVE is kept while the rules still hold the episode open.
     */
    void prune(long horizonMs, Map<String, AlertEpisode> open) {
        TreeMap<String, Boolean> openIds = new TreeMap<>();
        open.values().forEach(ep -> openIds.put(ep.alertId(), true));
        published
                .values()
                .removeIf(
                        p ->
                                !p.open
                                        && p.lastAtMs < horizonMs
                                        && !(p.closedByClinician
                                                && openIds.containsKey(p.latest.alertId())));
    }

    List<OpenAlert> openAlerts(String patientId) {
        List<OpenAlert> out = new ArrayList<>();
        for (Published p : published.values()) {
            if (p.open) {
                Long until = snoozedUntil.get(p.slot);
                out.add(
                        new OpenAlert(
                                p.latest.toAlert(patientId, p.revision),
                                p.acknowledged,
                                until == null
                                        ? null
                                        : Instant.ofEpochMilli(until).atOffset(ZoneOffset.UTC)));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertInbox i
                && published.equals(i.published)
                && snoozedUntil.equals(i.snoozedUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(published, snoozedUntil);
    }
}

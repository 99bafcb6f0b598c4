package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import org.lymphwatch.analytics.trend.SwellingTrend;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Side;

/**
 * One reading's pass through the alert rules: the reading, the machine as it stood before it, and
 * what the rules share and decide. Lookups several rules need (the volume evaluations of the
 * longest window, the rule trend, the swelling findings) are computed once per step.
 */
final class RuleStep {

    private static final int EVIDENCE_LIMIT = 64;

    final Profile profile;
    final Thresholds t;
    final Timeline timeline;

    /** Index of the reading in the timeline, the reading, its event time. */
    final int i;

    final Point p;
    final long now;

    /** Whether threshold, trend and no-response rules apply yet (90 days after surgery). */
    final boolean rulesOn;

    /** The machine's open episodes; copied on the first change. */
    private TreeMap<String, AlertEpisode> open;

    private boolean openCopied;

    /** When slots last resolved, within the reopen cooldown; copied on the first change. */
    private TreeMap<String, Long> resolved;

    private boolean resolvedCopied;
    AlertStateMachine.MassageCourse course;
    long noResponseOpenedMs;
    private final List<EpisodeEvent> events = new ArrayList<>();

    /** Window of volume evaluations every rule finds its own within. */
    private final long volumeWindowMs;

    private List<Evaluation> recentVolume;
    private SwellingTrend ruleTrend;
    private boolean ruleTrendDone;
    private SwellingFindings swelling;

    RuleStep(
            Profile profile,
            Thresholds t,
            Timeline timeline,
            long volumeWindowMs,
            AlertStateMachine before,
            int i) {
        this.profile = profile;
        this.t = t;
        this.timeline = timeline;
        this.volumeWindowMs = volumeWindowMs;
        this.i = i;
        this.p = timeline.get(i);
        this.now = p.atMs();
        this.rulesOn = now >= profile.rulesStartMs(t);
        this.open = before.open();
        this.resolved = before.resolvedMs();
        this.course = before.course();
        this.noResponseOpenedMs = before.noResponseOpenedMs();
    }

    AlertRules.Step result(AlertStateMachine before) {
        if (events.isEmpty()
                && course == before.course()
                && noResponseOpenedMs == before.noResponseOpenedMs()) {
            return new AlertRules.Step(before, List.of());
        }
        // Forget resolutions past the cooldown, so the memory stays as small as the slots.
        long cooldown = t.confirmation().reopenCooldown().toMillis();
        if (resolved.values().stream().anyMatch(at -> now - at >= cooldown)) {
            writableResolved().values().removeIf(at -> now - at >= cooldown);
        }
        return new AlertRules.Step(
                new AlertStateMachine(open, course, noResponseOpenedMs, resolved), events);
    }

    /** The open episode of a slot, or null. */
    AlertEpisode episode(String slot) {
        return open.get(slot);
    }

    /**
     * Whether an episode of the slot resolved within {@link
     * Thresholds.Confirmation#reopenCooldown()}: a new one then needs stronger evidence.
     */
    boolean coolingDown(String slot) {
        Long at = resolved.get(slot);
        return at != null && now - at < t.confirmation().reopenCooldown().toMillis();
    }

    /** Where the at-risk limb is, in words for messages. */
    String atRiskLimb() {
        return AlertMessages.limb(profile.limb(), profile.atRiskSide());
    }

    // ---- what the rules share ----

    /** SUBCLINICAL and LYMPHEDEMA decide from the same findings. */
    SwellingFindings swelling() {
        if (swelling == null) {
            swelling = new SwellingFindings(this);
        }
        return swelling;
    }

    /**
     * Volume evaluations from {@code fromMs} up to this reading, taken from one scan of the longest
     * window any rule uses.
     */
    List<Evaluation> volumeSince(long fromMs) {
        if (recentVolume == null) {
            recentVolume = timeline.volumeEvaluations(now - volumeWindowMs, i, profile);
        }
        if (fromMs < now - volumeWindowMs) {
            return timeline.volumeEvaluations(fromMs, i, profile);
        }
        int lo = 0;
        int hi = recentVolume.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (recentVolume.get(mid).atMs() < fromMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return recentVolume.subList(lo, recentVolume.size());
    }

    boolean trendQualifies(SwellingTrend tr) {
        return tr != null
                && tr.n() >= t.trend().minPoints()
                && tr.spanDays() * 86_400_000d >= t.trend().minSpan().toMillis();
    }

    /** The rule trend rises significantly enough to confirm a single evaluation. */
    boolean trendConfirms() {
        SwellingTrend tr = ruleTrend();
        return trendQualifies(tr) && tr.slopePctPerWeek() > 0 && tr.p() < t.confirmation().trendP();
    }

    List<Evaluation> trendEvaluations() {
        long from = Math.max(profile.rulesStartMs(t), now - t.trend().window().toMillis());
        return volumeSince(from);
    }

    /** The trend the rules use: the window, cut to start no earlier than the rules do. */
    SwellingTrend ruleTrend() {
        if (!ruleTrendDone) {
            long windowStart = now - t.trend().window().toMillis();
            ruleTrend =
                    timeline.trend(
                            Math.max(profile.rulesStartMs(t), windowStart),
                            windowStart,
                            i,
                            profile);
            ruleTrendDone = true;
        }
        return ruleTrend;
    }

    // ---- episode changes ----

    private TreeMap<String, AlertEpisode> writable() {
        if (!openCopied) {
            open = new TreeMap<>(open);
            openCopied = true;
        }
        return open;
    }

    private TreeMap<String, Long> writableResolved() {
        if (!resolvedCopied) {
            resolved = new TreeMap<>(resolved);
            resolvedCopied = true;
        }
        return resolved;
    }

    AlertEpisode open(
            AlertType type,
            Side side,
            String qualifier,
            int level,
            Criterion c,
            String message,
            List<String> evidence,
            double reference,
            long anchorMs) {
        String slot = AlertIds.slot(type, profile.limb(), side, qualifier);
        String id = AlertIds.alertId(profile.patientId(), slot, now);
        EpisodeEvent e =
                new EpisodeEvent(
                        id,
                        slot,
                        type,
                        profile.limb(),
                        side,
                        AlertState.OPENED,
                        level,
                        now,
                        p.offsetSeconds(),
                        c.metric(),
                        c.value(),
                        c.threshold(),
                        message,
                        cap(evidence));
        AlertEpisode ep = new AlertEpisode(slot, id, now, level, reference, anchorMs, e, e);
        writable().put(slot, ep);
        events.add(e);
        return ep;
    }

    void escalate(AlertEpisode ep, int level, Criterion c, String message, List<String> evidence) {
        EpisodeEvent o = ep.opened();
        EpisodeEvent e =
                new EpisodeEvent(
                        ep.alertId(),
                        ep.slot(),
                        o.type(),
                        o.limb(),
                        o.side(),
                        AlertState.ESCALATED,
                        level,
                        now,
                        p.offsetSeconds(),
                        c.metric(),
                        c.value(),
                        c.threshold(),
                        message,
                        cap(evidence));
        writable().put(ep.slot(), ep.escalated(e));
        events.add(e);
    }

    void resolve(AlertEpisode ep, Criterion c, String message, List<String> evidence) {
        EpisodeEvent o = ep.opened();
        events.add(
                new EpisodeEvent(
                        ep.alertId(),
                        ep.slot(),
                        o.type(),
                        o.limb(),
                        o.side(),
                        AlertState.RESOLVED,
                        ep.level(),
                        now,
                        p.offsetSeconds(),
                        c == null ? null : c.metric(),
                        c == null ? Double.NaN : c.value(),
                        c == null ? Double.NaN : c.threshold(),
                        message,
                        cap(evidence)));
        writable().remove(ep.slot());
        if (!t.confirmation().reopenCooldown().isZero()) {
            writableResolved().put(ep.slot(), now);
        }
    }

    // ---- evidence ----

    static List<String> ids(List<Evaluation> evals) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (Evaluation e : evals) {
            ids.addAll(e.evidence());
        }
        return new ArrayList<>(ids);
    }

    static List<String> merge(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    /** The most recent readings when there are very many (a trend over a busy month). */
    private static List<String> cap(List<String> evidence) {
        return evidence.size() <= EVIDENCE_LIMIT
                ? evidence
                : evidence.subList(evidence.size() - EVIDENCE_LIMIT, evidence.size());
    }
}

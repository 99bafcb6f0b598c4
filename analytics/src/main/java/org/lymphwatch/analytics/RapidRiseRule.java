package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.AlertType;

/**
 * RAPID_RISE (cellulitis, a blood clot): opens when the swelling metric is {@code risePctPoints}
 * above the median of the evaluations {@code reference} to {@code referenceGap} before (at least
 * two) on two consecutive evaluations, or on one with fever or redness reported within {@code
 * feverWindow}, which opens it at level 2; escalates to level 2 when fever or redness is reported
 * later; resolves when back within {@code resolvePctPoints} of that median on two evaluations, or
 * {@code acutePhase} after opening. From day 0.
 */
final class RapidRiseRule implements AlertRule {

    /** A rise of an evaluation over the median of the evaluations shortly before it. */
    private record Rise(double rise, double reference, List<Evaluation> references) {}

    private final String slot;

    RapidRiseRule(Profile profile) {
        this.slot = AlertIds.atRiskSlot(AlertType.RAPID_RISE, profile);
    }

    @Override
    public void elapse(RuleStep s) {
        AlertEpisode ep = s.episode(slot);
        if (ep != null && s.now - ep.openedMs() >= s.t.rapidRise().acutePhase().toMillis()) {
            s.resolve(
                    ep,
                    null,
                    AlertMessages.rapidRiseAcuteOver(s.t.rapidRise().acutePhase()),
                    List.of(s.p.readingId()));
        }
    }

    @Override
    public void apply(RuleStep s) {
        if (s.p.kind() == Point.Kind.VOLUME && s.p.completesPair()) {
            rise(s, Evaluation.ofPair(s.p, s.profile));
        } else if (s.p.kind() == Point.Kind.CONTEXT && s.p.has(Point.FEVER | Point.REDNESS)) {
            feverReported(s);
        }
    }

    private static Rise rise(RuleStep s, Evaluation e, List<Evaluation> all) {
        long from = e.atMs() - s.t.rapidRise().reference().toMillis();
        long to = e.atMs() - s.t.rapidRise().referenceGap().toMillis();
        List<Evaluation> refs = new ArrayList<>();
        for (Evaluation r : all) {
            if (r.atMs() >= from && r.atMs() <= to) {
                refs.add(r);
            }
        }
        if (refs.size() < 2) {
            return null;
        }
        double[] v = new double[refs.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = refs.get(k).swellingPct();
        }
        double ref = Timeline.median(v);
        return new Rise(e.swellingPct() - ref, ref, refs);
    }

    private void rise(RuleStep s, Evaluation e1) {
        Thresholds.RapidRise rr = s.t.rapidRise();
        String where = s.atRiskLimb();
        long now = s.now;
        List<Evaluation> all = s.volumeSince(now - 2 * rr.reference().toMillis());
        // The evaluation before this one (the last of "all" is this one), if recent.
        Evaluation e0 = all.size() >= 2 ? all.get(all.size() - 2) : null;
        if (e0 != null && e0.atMs() < now - rr.reference().toMillis()) {
            e0 = null;
        }
        AlertEpisode ep = s.episode(slot);
        if (ep != null) {
            double limit = ep.reference() + rr.resolvePctPoints();
            if (e0 != null && e1.swellingPct() < limit && e0.swellingPct() < limit) {
                s.resolve(
                        ep,
                        new Criterion(e1.swellingMetric(), e1.swellingPct(), limit),
                        AlertMessages.rapidRiseSettled(
                                where, ep.reference(), rr.resolvePctPoints()),
                        RuleStep.ids(List.of(e0, e1)));
            }
            return;
        }
        Rise r1 = rise(s, e1, all);
        if (r1 == null || r1.rise < rr.risePctPoints()) {
            return;
        }
        List<Point> fevers =
                s.timeline.contexts(
                        now - rr.feverWindow().toMillis(), s.i, Point.FEVER | Point.REDNESS);
        Rise r0 = e0 == null ? null : rise(s, e0, all);
        boolean twice = r0 != null && r0.rise >= rr.risePctPoints();
        if (fevers.isEmpty() && !twice) {
            return;
        }
        List<Evaluation> used = new ArrayList<>(r1.references);
        if (twice) {
            used.add(e0);
        }
        used.add(e1);
        List<String> ev = RuleStep.ids(used);
        for (Point f : fevers) {
            ev.add(f.readingId());
        }
        open(s, e1, r1, now, !fevers.isEmpty(), ev);
    }

    /**
     * Opens the episode for a rise of {@code e1}, described as risen since the last reference
     * evaluation until {@code untilMs}; with fever or redness at level 2.
     */
    private static void open(
            RuleStep s, Evaluation e1, Rise r1, long untilMs, boolean fever, List<String> ev) {
        Thresholds.RapidRise rr = s.t.rapidRise();
        long since = r1.references.get(r1.references.size() - 1).atMs();
        s.open(
                AlertType.RAPID_RISE,
                s.profile.atRiskSide(),
                null,
                fever ? 2 : 1,
                new Criterion(e1.swellingMetric() + "_RISE", r1.rise, rr.risePctPoints()),
                AlertMessages.rapidRise(
                        s.atRiskLimb(),
                        e1.swellingMetric(),
                        r1.rise,
                        rr.risePctPoints(),
                        untilMs - since,
                        fever),
                ev,
                r1.reference,
                0);
    }

    private void feverReported(RuleStep s) {
        Thresholds.RapidRise rr = s.t.rapidRise();
        String where = s.atRiskLimb();
        AlertEpisode ep = s.episode(slot);
        if (ep != null) {
            if (ep.level() < 2) {
                s.escalate(
                        ep,
                        2,
                        new Criterion("FEVER_OR_REDNESS", 1, 1),
                        AlertMessages.rapidRiseFever(where),
                        List.of(s.p.readingId()));
            }
            return;
        }
        List<Evaluation> recent = s.volumeSince(s.now - rr.feverWindow().toMillis());
        if (recent.isEmpty()) {
            return;
        }
        Evaluation e1 = recent.get(recent.size() - 1);
        List<Evaluation> all = s.volumeSince(e1.atMs() - rr.reference().toMillis());
        Rise r1 = rise(s, e1, all);
        if (r1 == null || r1.rise < rr.risePctPoints()) {
            return;
        }
        List<Evaluation> used = new ArrayList<>(r1.references);
        used.add(e1);
        List<String> ev = RuleStep.ids(used);
        ev.add(s.p.readingId());
        open(s, e1, r1, e1.atMs(), true, ev);
    }
}

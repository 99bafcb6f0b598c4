package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.analytics.trend.SwellingTrend;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Side;

/**
 * NO_RESPONSE: a massage course ({@code courseSessions} sessions less than {@code courseGap} apart
 * within {@code courseWindow} of the first) of a limb swollen at least {@code minLevelPct} when it
 * began is judged from {@code courseWindow} after its first session until a course gap later; the
 * episode opens when less than {@code meaningfulReductionPct} of the excess is gone and the trend
 * over the course is not significantly falling. Once per course. Resolves on a response, or when no
 * session has been reported for a course window. The course lives in the {@link AlertStateMachine},
 * since it can outlast the readings kept.
 */
final class NoResponseRule implements AlertRule {

    private static final int MIN_COURSE_EVALUATIONS = 4;

    private record Response(
            double current, double reductionPct, boolean responded, List<Evaluation> course) {}

    private final String slot;

    NoResponseRule(Profile profile) {
        this.slot = AlertIds.atRiskSlot(AlertType.NO_RESPONSE, profile);
    }

    @Override
    public void elapse(RuleStep s) {
        AlertEpisode ep = s.episode(slot);
        if (ep != null
                && s.timeline
                        .contexts(
                                s.now - s.t.massage().courseWindow().toMillis(), s.i, Point.MASSAGE)
                        .isEmpty()) {
            s.resolve(
                    ep,
                    null,
                    AlertMessages.courseEnded(s.t.massage().courseWindow()),
                    List.of(s.p.readingId()));
        }
    }

    @Override
    public void apply(RuleStep s) {
        switch (s.p.kind()) {
            case VOLUME -> {
                if (s.p.completesPair() && s.rulesOn) {
                    judge(s);
                }
            }
            case CONTEXT -> {
                if (s.p.has(Point.MASSAGE)) {
                    session(s);
                    if (s.rulesOn) {
                        judge(s);
                    }
                }
            }
            case BIOIMPEDANCE -> {}
        }
    }

    private static void session(RuleStep s) {
        Thresholds.Massage m = s.t.massage();
        AlertStateMachine.MassageCourse course = s.course;
        boolean continues =
                course != null
                        && s.i > 0
                        && !s.timeline
                                .contexts(s.now - m.courseGap().toMillis(), s.i - 1, Point.MASSAGE)
                                .isEmpty();
        if (!continues) {
            List<Evaluation> before = s.volumeSince(s.now - m.reference().toMillis());
            s.course =
                    new AlertStateMachine.MassageCourse(
                            s.now, before.isEmpty() ? Double.NaN : AlertRules.median(before), 1);
        } else if (course.sessions() < m.courseSessions()
                && s.now - course.startMs() <= m.courseWindow().toMillis()) {
            s.course =
                    new AlertStateMachine.MassageCourse(
                            course.startMs(), course.referencePct(), course.sessions() + 1);
        }
    }

    /** How the swelling changed since the course began; null without enough readings. */
    private static Response response(RuleStep s, AlertStateMachine.MassageCourse c) {
        Thresholds.Massage m = s.t.massage();
        long from = Math.max(c.startMs() + 1, s.now - m.courseWindow().toMillis());
        List<Evaluation> during = s.volumeSince(from);
        if (during.size() < MIN_COURSE_EVALUATIONS) {
            return null;
        }
        List<Evaluation> recent = new ArrayList<>();
        for (Evaluation e : during) {
            if (e.atMs() >= s.now - m.reference().toMillis()) {
                recent.add(e);
            }
        }
        if (recent.isEmpty()) {
            return null;
        }
        double current = AlertRules.median(recent);
        double reductionPct = (c.referencePct() - current) / c.referencePct() * 100;
        SwellingTrend tr = AlertRules.fit(during, from);
        boolean falling =
                tr != null && tr.slopePctPerWeek() < 0 && tr.p() < s.t.confirmation().trendP();
        return new Response(
                current,
                reductionPct,
                falling || reductionPct >= m.meaningfulReductionPct(),
                during);
    }

    private void judge(RuleStep s) {
        Thresholds.Massage m = s.t.massage();
        Side side = s.profile.atRiskSide();
        AlertEpisode ep = s.episode(slot);
        AlertStateMachine.MassageCourse c = s.course;
        if (ep != null) {
            Response r = c == null ? null : response(s, c);
            if (r != null && r.responded) {
                s.resolve(
                        ep,
                        new Criterion(
                                ep.opened().metric(), r.reductionPct, m.meaningfulReductionPct()),
                        AlertMessages.noResponseResolved(ep.reference(), r.current),
                        RuleStep.ids(r.course));
            }
            return;
        }
        // Judged once the course is complete, within a course gap after it.
        long sinceStart = c == null ? 0 : s.now - c.startMs();
        if (c == null
                || c.sessions() < m.courseSessions()
                || !(c.referencePct() >= m.minLevelPct())
                || s.noResponseOpenedMs >= c.startMs()
                || sinceStart < m.courseWindow().toMillis()
                || sinceStart > m.courseWindow().plus(m.courseGap()).toMillis()) {
            return;
        }
        Response r = response(s, c);
        if (r == null || r.responded) {
            return;
        }
        List<Point> sessions = s.timeline.contexts(c.startMs(), s.i, Point.MASSAGE);
        List<String> ev = new ArrayList<>();
        sessions.forEach(q -> ev.add(q.readingId()));
        Evaluation last = r.course.get(r.course.size() - 1);
        s.open(
                AlertType.NO_RESPONSE,
                side,
                null,
                1,
                new Criterion(
                        last.swellingMetric() + "_REDUCTION_PCT",
                        r.reductionPct,
                        m.meaningfulReductionPct()),
                AlertMessages.noResponse(
                        AlertMessages.limb(s.profile.limb(), side),
                        sessions.size(),
                        c.startMs(),
                        c.referencePct(),
                        r.current,
                        m.meaningfulReductionPct()),
                RuleStep.merge(ev, RuleStep.ids(r.course)),
                c.referencePct(),
                c.startMs());
        s.noResponseOpenedMs = s.now;
    }
}

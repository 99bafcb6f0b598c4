package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import org.lymphwatch.analytics.AlertMessages.SwellingTrendText;
import org.lymphwatch.analytics.metrics.R0Ratio;
import org.lymphwatch.analytics.trend.SwellingTrend;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;

/**
 * The alert rules of DESIGN section 4, applied to one reading at a time in event-time order. A step
 * sees only the readings up to and including its own, and looks back at most {@link
 * Thresholds#lookback()}: that is what makes a late re-evaluation reach the decisions an on-time
 * evaluation would have reached. docs/alert-rules.md describes each rule.
 */
final class AlertRules {

    /** Levels of swelling a single evaluation shows. */
    static final int NONE = 0;

    static final int SUBCLINICAL = 1;
    static final int LYMPHEDEMA = 2;

    private static final int EVIDENCE_LIMIT = 64;
    private static final int MIN_COURSE_EVALUATIONS = 4;

    private final Profile profile;
    private final Thresholds t;
    private final Timeline timeline;

    private final String subclinicalSlot;
    private final String lymphedemaSlot;
    private final String trendSlot;
    private final String rapidRiseSlot;
    private final String noResponseSlot;
    private final String lDexSlot;
    private final String[] jumpSlots = new String[Side.values().length];

    /** Window of volume evaluations every rule finds its own within. */
    private final long volumeWindowMs;

    AlertRules(Profile profile, Thresholds t, Timeline timeline) {
        this.profile = profile;
        this.t = t;
        this.timeline = timeline;
        Side side = profile.atRiskSide();
        Limb limb = profile.limb();
        this.subclinicalSlot = AlertIds.slot(AlertType.SUBCLINICAL, limb, side, null);
        this.lymphedemaSlot = AlertIds.slot(AlertType.LYMPHEDEMA, limb, side, null);
        this.trendSlot = AlertIds.slot(AlertType.WORSENING_TREND, limb, side, null);
        this.rapidRiseSlot = AlertIds.slot(AlertType.RAPID_RISE, limb, side, null);
        this.noResponseSlot = AlertIds.slot(AlertType.NO_RESPONSE, limb, side, null);
        this.lDexSlot = AlertIds.slot(AlertType.MEASUREMENT_QUALITY, limb, side, "LDEX");
        for (Side s : Side.values()) {
            jumpSlots[s.ordinal()] =
                    AlertIds.slot(AlertType.MEASUREMENT_QUALITY, limb, s, "VOLUME_JUMP");
        }
        this.volumeWindowMs =
                Math.max(
                        Math.max(
                                t.confirmation().window().toMillis(),
                                t.trend().window().toMillis()),
                        2 * t.rapidRise().reference().toMillis());
    }

    record Step(AlertStateMachine after, List<EpisodeEvent> events) {}

    /** Applies point {@code i} of the timeline to the machine as it stood before it. */
    Step step(AlertStateMachine before, int i) {
        Run run = new Run(before, i);
        run.apply();
        return run.result(before);
    }

    /** A criterion an evaluation meets: which metric, its value, the threshold. */
    record Criterion(String metric, double value, double threshold) {
        String text() {
            return AlertMessages.criterion(metric, value, threshold);
        }
    }

    /**
     * The first criterion of {@code e} at or above {@code level}, by the opening thresholds or, for
     * resolution, the lower hysteresis thresholds; {@code null} when none is met.
     */
    Criterion criterion(Evaluation e, int level, boolean resolve) {
        Thresholds.Volume v = t.volume();
        Thresholds.Bioimpedance b = t.bioimpedance();
        if (e.isVolume()) {
            if (!Double.isNaN(e.rvcPct())) {
                double lymph = resolve ? v.rvcLymphedemaResolvePct() : v.rvcLymphedemaPct();
                double sub = resolve ? v.rvcSubclinicalResolvePct() : v.rvcSubclinicalPct();
                double th = level >= LYMPHEDEMA ? lymph : sub;
                return e.rvcPct() >= th ? new Criterion("RVC", e.rvcPct(), th) : null;
            }
            if (level < LYMPHEDEMA) {
                return null;
            }
            double pct = resolve ? v.ilvdResolvePct() : v.ilvdLymphedemaPct();
            if (e.ilvdPct() >= pct) {
                return new Criterion("ILVD_PCT", e.ilvdPct(), pct);
            }
            double ml = resolve ? v.ilvdResolveMl() : v.ilvdLymphedemaMl();
            if (profile.limb() == Limb.ARM && e.ilvdMl() >= ml) {
                return new Criterion("ILVD", e.ilvdMl(), ml);
            }
            return null;
        }
        if (level >= LYMPHEDEMA) {
            double lDex = resolve ? b.lDexLymphedemaResolve() : b.lDexLymphedema();
            if (e.lDex() > lDex) {
                return new Criterion("LDEX", e.lDex(), lDex);
            }
            double ratio =
                    R0Ratio.threshold(
                            profile.dominantSideAtRisk(),
                            b.r0RatioNonDominant(),
                            b.r0RatioDominant());
            if (resolve) {
                ratio -= b.r0RatioResolveMargin();
            }
            // The R0 thresholds come from arm studies.
            if (profile.limb() == Limb.ARM && e.r0Ratio() > ratio) {
                return new Criterion("R0_RATIO", e.r0Ratio(), ratio);
            }
            return null;
        }
        double delta = resolve ? b.lDexDeltaResolve() : b.lDexDeltaSubclinical();
        if (e.lDexDelta() >= delta) {
            return new Criterion("LDEX_DELTA", e.lDexDelta(), delta);
        }
        return criterion(e, LYMPHEDEMA, resolve);
    }

    int level(Evaluation e, boolean resolve) {
        if (criterion(e, LYMPHEDEMA, resolve) != null) {
            return LYMPHEDEMA;
        }
        return criterion(e, SUBCLINICAL, resolve) != null ? SUBCLINICAL : NONE;
    }

    /** ISL severity of a volume evaluation: 1 mild, 2 moderate, 3 severe. */
    int severity(Evaluation e) {
        double pct = e.swellingPct();
        if (pct >= t.volume().severePct()) {
            return 3;
        }
        return pct >= t.volume().moderatePct() ? 2 : 1;
    }

    /** What one kind of evaluation (volume or bioimpedance) confirms at a step. */
    private record Finding(
            int level,
            Evaluation deciding,
            List<Evaluation> confirming,
            SwellingTrend trend,
            int severity) {
        static final Finding NOTHING = new Finding(NONE, null, List.of(), null, 0);
    }

    private final class Run {
        private final int i;
        private final Point p;
        private final long now;

        /** The machine's open episodes; copied on the first change. */
        private TreeMap<String, AlertEpisode> open;

        private boolean openCopied;
        private List<Evaluation> recentVolume;
        private AlertStateMachine.MassageCourse course;
        private long noResponseOpenedMs;
        private final List<EpisodeEvent> events = new ArrayList<>();
        private SwellingTrend ruleTrend;
        private boolean ruleTrendDone;

        Run(AlertStateMachine before, int i) {
            this.i = i;
            this.p = timeline.get(i);
            this.now = p.atMs();
            this.open = before.open();
            this.course = before.course();
            this.noResponseOpenedMs = before.noResponseOpenedMs();
        }

        Step result(AlertStateMachine before) {
            if (events.isEmpty()
                    && course == before.course()
                    && noResponseOpenedMs == before.noResponseOpenedMs()) {
                return new Step(before, List.of());
            }
            return new Step(new AlertStateMachine(open, course, noResponseOpenedMs), events);
        }

        void apply() {
            boolean rulesOn = now >= profile.rulesStartMs(t);
            acutePhaseOver();
            courseEnded();
            switch (p.kind()) {
                case VOLUME -> {
                    volumeQuality();
                    if (p.completesPair()) {
                        Evaluation e = Evaluation.ofPair(p, profile);
                        rapidRise(e);
                        if (rulesOn) {
                            swelling();
                            trend();
                            noResponse();
                        }
                    }
                }
                case BIOIMPEDANCE -> {
                    lDexQuality();
                    if (rulesOn && !Timeline.lDexImplausible(p, t)) {
                        swelling();
                    }
                }
                case CONTEXT -> {
                    if (p.has(Point.FEVER | Point.REDNESS)) {
                        feverReported();
                    }
                    if (p.has(Point.MASSAGE)) {
                        massageSession();
                        if (rulesOn) {
                            noResponse();
                        }
                    }
                }
            }
        }

        // ---- SUBCLINICAL and LYMPHEDEMA ----

        private void swelling() {
            long from =
                    Math.max(profile.rulesStartMs(t), now - t.confirmation().window().toMillis());
            List<Evaluation> vol = volumeSince(from);
            List<Evaluation> bis = timeline.bioimpedanceEvaluations(from, i, profile, t);
            Finding fv = confirm(vol, true);
            Finding fb = confirm(bis, false);
            Finding f = fb.level > fv.level ? fb : fv;
            Side side = profile.atRiskSide();
            String lymphSlot = lymphedemaSlot;
            String subSlot = subclinicalSlot;
            String where = AlertMessages.limb(profile.limb(), side);

            AlertEpisode lymph = open.get(lymphSlot);
            if (lymph == null && f.level >= LYMPHEDEMA) {
                Criterion c = criterion(f.deciding, LYMPHEDEMA, false);
                lymph =
                        open(
                                AlertType.LYMPHEDEMA,
                                side,
                                null,
                                Math.max(1, f.severity),
                                c,
                                AlertMessages.lymphedema(where, c.text(), confirmationText(f)),
                                evidence(f),
                                Double.NaN,
                                0);
                AlertEpisode sub = open.get(subSlot);
                if (sub != null) {
                    resolve(sub, c, AlertMessages.progressed(where, lymph.alertId()), evidence(f));
                }
            } else if (lymph != null) {
                if (clear(vol, bis, LYMPHEDEMA)) {
                    Evaluation last = latest(vol, bis);
                    resolve(
                            lymph,
                            resolvedCriterion(last, LYMPHEDEMA),
                            AlertMessages.swellingResolved(
                                    where, describe(last), t.confirmation().resolveSpan()),
                            ids(recent(vol, bis)));
                    lymph = null;
                } else if (fv.severity > lymph.level()) {
                    double th =
                            fv.severity >= 3 ? t.volume().severePct() : t.volume().moderatePct();
                    Evaluation e = fv.deciding;
                    escalate(
                            lymph,
                            fv.severity,
                            new Criterion(e.swellingMetric(), e.swellingPct(), th),
                            AlertMessages.severity(where, fv.severity, e.swellingPct(), th),
                            evidence(fv));
                }
            }
            AlertEpisode sub = open.get(subSlot);
            if (lymph == null && sub == null && f.level >= SUBCLINICAL) {
                Criterion c = criterion(f.deciding, SUBCLINICAL, false);
                open(
                        AlertType.SUBCLINICAL,
                        side,
                        null,
                        1,
                        c,
                        AlertMessages.subclinical(where, c.text(), confirmationText(f)),
                        evidence(f),
                        Double.NaN,
                        0);
            } else if (sub != null && clear(vol, bis, SUBCLINICAL)) {
                Evaluation last = latest(vol, bis);
                resolve(
                        sub,
                        resolvedCriterion(last, SUBCLINICAL),
                        AlertMessages.swellingResolved(
                                where, describe(last), t.confirmation().resolveSpan()),
                        ids(recent(vol, bis)));
            }
        }

        /**
         * Two consecutive evaluations of one kind at or above a level confirm it; so does the
         * latest volume evaluation alone when the volume trend rises significantly.
         */
        private Finding confirm(List<Evaluation> evals, boolean volume) {
            int n = evals.size();
            if (n == 0) {
                return Finding.NOTHING;
            }
            Evaluation last = evals.get(n - 1);
            int lastLevel = level(last, false);
            int confirmed = NONE;
            int severity = 0;
            List<Evaluation> confirming = List.of(last);
            if (n >= 2) {
                Evaluation prev = evals.get(n - 2);
                confirmed = Math.min(lastLevel, level(prev, false));
                confirming = List.of(prev, last);
                if (volume) {
                    severity = Math.min(severity(last), severity(prev));
                }
            }
            SwellingTrend trend = null;
            if (volume && lastLevel > confirmed && trendConfirms()) {
                confirmed = lastLevel;
                confirming = List.of(last);
                trend = ruleTrend();
                severity = severity(last);
            }
            if (!volume) {
                severity = confirmed >= LYMPHEDEMA ? 1 : 0;
            }
            return new Finding(confirmed, last, confirming, trend, severity);
        }

        /**
         * Every evaluation of the last {@link Thresholds.Confirmation#resolveSpan()}, of every
         * kind, is below the level by the resolve thresholds, and there are at least two of one
         * kind.
         */
        private boolean clear(List<Evaluation> vol, List<Evaluation> bis, int level) {
            int most = 0;
            for (List<Evaluation> evals : List.of(vol, bis)) {
                List<Evaluation> span = resolveSpan(evals);
                for (Evaluation e : span) {
                    if (level(e, true) >= level) {
                        return false;
                    }
                }
                most = Math.max(most, span.size());
            }
            return most >= 2;
        }

        private List<Evaluation> resolveSpan(List<Evaluation> evals) {
            long from = now - t.confirmation().resolveSpan().toMillis();
            int k = evals.size();
            while (k > 0 && evals.get(k - 1).atMs() >= from) {
                k--;
            }
            return evals.subList(k, evals.size());
        }

        private Evaluation latest(List<Evaluation> vol, List<Evaluation> bis) {
            if (vol.isEmpty()) {
                return bis.get(bis.size() - 1);
            }
            if (bis.isEmpty()) {
                return vol.get(vol.size() - 1);
            }
            Evaluation v = vol.get(vol.size() - 1);
            Evaluation b = bis.get(bis.size() - 1);
            return v.point().compareTo(b.point()) >= 0 ? v : b;
        }

        private List<Evaluation> recent(List<Evaluation> vol, List<Evaluation> bis) {
            List<Evaluation> r = new ArrayList<>(resolveSpan(vol));
            r.addAll(resolveSpan(bis));
            return r;
        }

        private Criterion resolvedCriterion(Evaluation e, int level) {
            if (e.isVolume()) {
                boolean rvc = !Double.isNaN(e.rvcPct());
                Thresholds.Volume v = t.volume();
                double th =
                        rvc
                                ? (level >= LYMPHEDEMA
                                        ? v.rvcLymphedemaResolvePct()
                                        : v.rvcSubclinicalResolvePct())
                                : v.ilvdResolvePct();
                return new Criterion(e.swellingMetric(), e.swellingPct(), th);
            }
            Thresholds.Bioimpedance b = t.bioimpedance();
            return level >= LYMPHEDEMA || Double.isNaN(e.lDexDelta())
                    ? new Criterion("LDEX", e.lDex(), b.lDexLymphedemaResolve())
                    : new Criterion("LDEX_DELTA", e.lDexDelta(), b.lDexDeltaResolve());
        }

        private String describe(Evaluation e) {
            if (e.isVolume()) {
                return (Double.isNaN(e.rvcPct())
                                ? "an inter-limb volume difference of "
                                : "a relative volume change of ")
                        + AlertMessages.n(e.swellingPct())
                        + " %";
            }
            return "L-Dex " + AlertMessages.n(e.lDex());
        }

        private String confirmationText(Finding f) {
            return AlertMessages.confirmation(
                    f.confirming.size(), f.trend == null ? null : SwellingTrendText.of(f.trend));
        }

        private List<String> evidence(Finding f) {
            List<String> ids = ids(f.confirming);
            if (f.trend != null) {
                ids = merge(ids, ids(trendEvaluations()));
            }
            return ids;
        }

        // ---- WORSENING_TREND ----

        private boolean trendQualifies(SwellingTrend tr) {
            return tr != null
                    && tr.n() >= t.trend().minPoints()
                    && tr.spanDays() * 86_400_000d >= t.trend().minSpan().toMillis();
        }

        private boolean trendConfirms() {
            SwellingTrend tr = ruleTrend();
            return trendQualifies(tr)
                    && tr.slopePctPerWeek() > 0
                    && tr.p() < t.confirmation().trendP();
        }

        private List<Evaluation> trendEvaluations() {
            long from = Math.max(profile.rulesStartMs(t), now - t.trend().window().toMillis());
            return volumeSince(from);
        }

        /** The trend the rules use: the window, cut to start no earlier than the rules do. */
        private SwellingTrend ruleTrend() {
            if (!ruleTrendDone) {
                ruleTrend = fit(trendEvaluations(), now - t.trend().window().toMillis());
                ruleTrendDone = true;
            }
            return ruleTrend;
        }

        private void trend() {
            SwellingTrend tr = ruleTrend();
            Side side = profile.atRiskSide();
            String where = AlertMessages.limb(profile.limb(), side);
            AlertEpisode ep = open.get(trendSlot);
            Thresholds.Trend tt = t.trend();
            boolean qualifies = trendQualifies(tr);
            boolean rising = qualifies && tr.risingAtLeast(tt.alertSlopePctPerWeek(), tt.alertP());
            boolean fast = rising && tr.slopePctPerWeek() >= tt.escalateSlopePctPerWeek();
            if (ep == null) {
                if (rising) {
                    SwellingTrendText text = SwellingTrendText.of(tr);
                    open(
                            AlertType.WORSENING_TREND,
                            side,
                            null,
                            fast ? 2 : 1,
                            new Criterion(
                                    "TREND_SLOPE",
                                    tr.slopePctPerWeek(),
                                    fast
                                            ? tt.escalateSlopePctPerWeek()
                                            : tt.alertSlopePctPerWeek()),
                            fast
                                    ? AlertMessages.trendEscalated(where, text)
                                    : AlertMessages.trendOpened(
                                            where, text, tt.alertSlopePctPerWeek()),
                            ids(trendEvaluations()),
                            Double.NaN,
                            0);
                }
            } else if (fast && ep.level() < 2) {
                escalate(
                        ep,
                        2,
                        new Criterion(
                                "TREND_SLOPE", tr.slopePctPerWeek(), tt.escalateSlopePctPerWeek()),
                        AlertMessages.trendEscalated(where, SwellingTrendText.of(tr)),
                        ids(trendEvaluations()));
            } else if (qualifies && !tr.risingAtLeast(tt.resolveSlopePctPerWeek(), tt.resolveP())) {
                resolve(
                        ep,
                        new Criterion(
                                "TREND_SLOPE", tr.slopePctPerWeek(), tt.resolveSlopePctPerWeek()),
                        AlertMessages.trendResolved(where, SwellingTrendText.of(tr)),
                        ids(trendEvaluations()));
            }
        }

        // ---- RAPID_RISE ----

        /** A rise of an evaluation over the median of the evaluations shortly before it. */
        private record Rise(double rise, double reference, List<Evaluation> references) {}

        private Rise rise(Evaluation e, List<Evaluation> all) {
            long from = e.atMs() - t.rapidRise().reference().toMillis();
            long to = e.atMs() - t.rapidRise().referenceGap().toMillis();
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

        private void rapidRise(Evaluation e1) {
            Thresholds.RapidRise rr = t.rapidRise();
            Side side = profile.atRiskSide();
            String where = AlertMessages.limb(profile.limb(), side);
            List<Evaluation> all = volumeSince(now - 2 * rr.reference().toMillis());
            // The evaluation before this one (the last of "all" is this one), if recent.
            Evaluation e0 = all.size() >= 2 ? all.get(all.size() - 2) : null;
            if (e0 != null && e0.atMs() < now - rr.reference().toMillis()) {
                e0 = null;
            }
            AlertEpisode ep = open.get(rapidRiseSlot);
            if (ep != null) {
                double limit = ep.reference() + rr.resolvePctPoints();
                if (e0 != null && e1.swellingPct() < limit && e0.swellingPct() < limit) {
                    resolve(
                            ep,
                            new Criterion(e1.swellingMetric(), e1.swellingPct(), limit),
                            AlertMessages.rapidRiseSettled(
                                    where, ep.reference(), rr.resolvePctPoints()),
                            ids(List.of(e0, e1)));
                }
                return;
            }
            Rise r1 = rise(e1, all);
            if (r1 == null || r1.rise < rr.risePctPoints()) {
                return;
            }
            List<Point> fevers =
                    timeline.contexts(
                            now - rr.feverWindow().toMillis(), i, Point.FEVER | Point.REDNESS);
            Rise r0 = e0 == null ? null : rise(e0, all);
            boolean twice = r0 != null && r0.rise >= rr.risePctPoints();
            if (fevers.isEmpty() && !twice) {
                return;
            }
            List<Evaluation> used = new ArrayList<>(r1.references);
            if (twice) {
                used.add(e0);
            }
            used.add(e1);
            long since = r1.references.get(r1.references.size() - 1).atMs();
            List<String> ev = ids(used);
            for (Point f : fevers) {
                ev.add(f.readingId());
            }
            open(
                    AlertType.RAPID_RISE,
                    side,
                    null,
                    fevers.isEmpty() ? 1 : 2,
                    new Criterion(e1.swellingMetric() + "_RISE", r1.rise, rr.risePctPoints()),
                    AlertMessages.rapidRise(
                            where,
                            e1.swellingMetric(),
                            r1.rise,
                            rr.risePctPoints(),
                            now - since,
                            !fevers.isEmpty()),
                    ev,
                    r1.reference,
                    0);
        }

        private void feverReported() {
            Thresholds.RapidRise rr = t.rapidRise();
            Side side = profile.atRiskSide();
            String where = AlertMessages.limb(profile.limb(), side);
            AlertEpisode ep = open.get(rapidRiseSlot);
            if (ep != null) {
                if (ep.level() < 2) {
                    escalate(
                            ep,
                            2,
                            new Criterion("FEVER_OR_REDNESS", 1, 1),
                            AlertMessages.rapidRiseFever(where),
                            List.of(p.readingId()));
                }
                return;
            }
            List<Evaluation> recent = volumeSince(now - rr.feverWindow().toMillis());
            if (recent.isEmpty()) {
                return;
            }
            Evaluation e1 = recent.get(recent.size() - 1);
            List<Evaluation> all = volumeSince(e1.atMs() - rr.reference().toMillis());
            Rise r1 = rise(e1, all);
            if (r1 == null || r1.rise < rr.risePctPoints()) {
                return;
            }
            List<Evaluation> used = new ArrayList<>(r1.references);
            used.add(e1);
            List<String> ev = ids(used);
            ev.add(p.readingId());
            long since = r1.references.get(r1.references.size() - 1).atMs();
            open(
                    AlertType.RAPID_RISE,
                    side,
                    null,
                    2,
                    new Criterion(e1.swellingMetric() + "_RISE", r1.rise, rr.risePctPoints()),
                    AlertMessages.rapidRise(
                            where,
                            e1.swellingMetric(),
                            r1.rise,
                            rr.risePctPoints(),
                            e1.atMs() - since,
                            true),
                    ev,
                    r1.reference,
                    0);
        }

        private void acutePhaseOver() {
            AlertEpisode ep = open.get(rapidRiseSlot);
            if (ep != null && now - ep.openedMs() >= t.rapidRise().acutePhase().toMillis()) {
                resolve(
                        ep,
                        null,
                        AlertMessages.rapidRiseAcuteOver(t.rapidRise().acutePhase()),
                        List.of(p.readingId()));
            }
        }

        // ---- NO_RESPONSE ----

        private void massageSession() {
            Thresholds.Massage m = t.massage();
            boolean continues =
                    course != null
                            && i > 0
                            && !timeline.contexts(
                                            now - m.courseGap().toMillis(), i - 1, Point.MASSAGE)
                                    .isEmpty();
            if (!continues) {
                List<Evaluation> before = volumeSince(now - m.reference().toMillis());
                course =
                        new AlertStateMachine.MassageCourse(
                                now, before.isEmpty() ? Double.NaN : median(before), 1);
            } else if (course.sessions() < m.courseSessions()
                    && now - course.startMs() <= m.courseWindow().toMillis()) {
                course =
                        new AlertStateMachine.MassageCourse(
                                course.startMs(), course.referencePct(), course.sessions() + 1);
            }
        }

        private record Response(
                double current, double reductionPct, boolean responded, List<Evaluation> course) {}

        /** How the swelling changed since the course began; null without enough readings. */
        private Response response(AlertStateMachine.MassageCourse c) {
            Thresholds.Massage m = t.massage();
            long from = Math.max(c.startMs() + 1, now - m.courseWindow().toMillis());
            List<Evaluation> during = volumeSince(from);
            if (during.size() < MIN_COURSE_EVALUATIONS) {
                return null;
            }
            List<Evaluation> recent = new ArrayList<>();
            for (Evaluation e : during) {
                if (e.atMs() >= now - m.reference().toMillis()) {
                    recent.add(e);
                }
            }
            if (recent.isEmpty()) {
                return null;
            }
            double current = median(recent);
            double reductionPct = (c.referencePct() - current) / c.referencePct() * 100;
            SwellingTrend tr = fit(during, from);
            boolean falling =
                    tr != null && tr.slopePctPerWeek() < 0 && tr.p() < t.confirmation().trendP();
            return new Response(
                    current,
                    reductionPct,
                    falling || reductionPct >= m.meaningfulReductionPct(),
                    during);
        }

        private void noResponse() {
            Thresholds.Massage m = t.massage();
            Side side = profile.atRiskSide();
            AlertEpisode ep = open.get(noResponseSlot);
            AlertStateMachine.MassageCourse c = course;
            if (ep != null) {
                Response r = c == null ? null : response(c);
                if (r != null && r.responded) {
                    resolve(
                            ep,
                            new Criterion(
                                    ep.opened().metric(),
                                    r.reductionPct,
                                    m.meaningfulReductionPct()),
                            AlertMessages.noResponseResolved(ep.reference(), r.current),
                            ids(r.course));
                }
                return;
            }
            // Judged once the course is complete, within a course gap after it.
            long sinceStart = c == null ? 0 : now - c.startMs();
            if (c == null
                    || c.sessions() < m.courseSessions()
                    || !(c.referencePct() >= m.minLevelPct())
                    || noResponseOpenedMs >= c.startMs()
                    || sinceStart < m.courseWindow().toMillis()
                    || sinceStart > m.courseWindow().plus(m.courseGap()).toMillis()) {
                return;
            }
            Response r = response(c);
            if (r == null || r.responded) {
                return;
            }
            List<Point> sessions = timeline.contexts(c.startMs(), i, Point.MASSAGE);
            List<String> ev = new ArrayList<>();
            sessions.forEach(q -> ev.add(q.readingId()));
            Evaluation last = r.course.get(r.course.size() - 1);
            open(
                    AlertType.NO_RESPONSE,
                    side,
                    null,
                    1,
                    new Criterion(
                            last.swellingMetric() + "_REDUCTION_PCT",
                            r.reductionPct,
                            m.meaningfulReductionPct()),
                    AlertMessages.noResponse(
                            AlertMessages.limb(profile.limb(), side),
                            sessions.size(),
                            c.startMs(),
                            c.referencePct(),
                            r.current,
                            m.meaningfulReductionPct()),
                    merge(ev, ids(r.course)),
                    c.referencePct(),
                    c.startMs());
            noResponseOpenedMs = now;
        }

        private void courseEnded() {
            AlertEpisode ep = open.get(noResponseSlot);
            if (ep != null
                    && timeline.contexts(
                                    now - t.massage().courseWindow().toMillis(), i, Point.MASSAGE)
                            .isEmpty()) {
                resolve(
                        ep,
                        null,
                        AlertMessages.courseEnded(t.massage().courseWindow()),
                        List.of(p.readingId()));
            }
        }

        // ---- MEASUREMENT_QUALITY from readings ----

        private void volumeQuality() {
            String slot = jumpSlots[p.side().ordinal()];
            AlertEpisode ep = open.get(slot);
            String where = AlertMessages.limb(profile.limb(), p.side());
            if (p.implausible() && ep == null) {
                List<Point> ref = timeline.jumpReference(i, t);
                double median = Timeline.medianVolume(ref);
                double pct = (p.volumeMl() - median) / median * 100;
                List<String> ev = new ArrayList<>();
                ref.forEach(q -> ev.add(q.readingId()));
                ev.add(p.readingId());
                open(
                        AlertType.MEASUREMENT_QUALITY,
                        p.side(),
                        "VOLUME_JUMP",
                        1,
                        new Criterion("VOLUME_JUMP_PCT", pct, t.quality().implausibleJumpPct()),
                        AlertMessages.jump(
                                where,
                                p.volumeMl(),
                                median,
                                Math.abs(pct),
                                t.quality().implausibleJumpPct()),
                        ev,
                        Double.NaN,
                        0);
            } else if (!p.implausible() && ep != null) {
                resolve(ep, null, AlertMessages.jumpResolved(where), List.of(p.readingId()));
            }
        }

        private void lDexQuality() {
            if (Double.isNaN(p.lDex())) {
                return;
            }
            Side side = profile.atRiskSide();
            String slot = lDexSlot;
            AlertEpisode ep = open.get(slot);
            double below = t.quality().lDexBelow();
            if (p.lDex() < below && ep == null) {
                open(
                        AlertType.MEASUREMENT_QUALITY,
                        side,
                        "LDEX",
                        1,
                        new Criterion("LDEX", p.lDex(), below),
                        AlertMessages.lDexQuality(p.lDex(), below),
                        List.of(p.readingId()),
                        Double.NaN,
                        0);
            } else if (p.lDex() >= below && ep != null) {
                resolve(
                        ep,
                        new Criterion("LDEX", p.lDex(), below),
                        AlertMessages.lDexQualityResolved(p.lDex()),
                        List.of(p.readingId()));
            }
        }

        // ---- episode changes ----

        private TreeMap<String, AlertEpisode> writable() {
            if (!openCopied) {
                open = new TreeMap<>(open);
                openCopied = true;
            }
            return open;
        }

        /**
         * Volume evaluations from {@code fromMs} up to this reading, taken from one scan of the
         * longest window any rule uses.
         */
        private List<Evaluation> volumeSince(long fromMs) {
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

        private String slot(AlertType type, Side side, String qualifier) {
            return AlertIds.slot(type, profile.limb(), side, qualifier);
        }

        private AlertEpisode open(
                AlertType type,
                Side side,
                String qualifier,
                int level,
                Criterion c,
                String message,
                List<String> evidence,
                double reference,
                long anchorMs) {
            String slot = slot(type, side, qualifier);
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

        private void escalate(
                AlertEpisode ep, int level, Criterion c, String message, List<String> evidence) {
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

        private void resolve(AlertEpisode ep, Criterion c, String message, List<String> evidence) {
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
        }
    }

    static double median(List<Evaluation> evals) {
        double[] v = new double[evals.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = evals.get(k).swellingPct();
        }
        return Timeline.median(v);
    }

    static SwellingTrend fit(List<Evaluation> evals, long windowStartMs) {
        int n = evals.size();
        long[] at = new long[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            at[k] = evals.get(k).atMs();
            v[k] = evals.get(k).swellingPct();
        }
        return SwellingTrend.fit(windowStartMs, at, v, n);
    }

    static List<String> ids(List<Evaluation> evals) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (Evaluation e : evals) {
            ids.addAll(e.evidence());
        }
        return new ArrayList<>(ids);
    }

    private static List<String> merge(List<String> a, List<String> b) {
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

package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.lymphwatch.analytics.trend.SwellingTrend;

/**
 * A patient's accepted readings in event-time order, bounded to {@link Thresholds#retention()},
 * with the alert state machine as it stood before the first of them ({@code base}) and after each
 * reading that changed it ({@code transitions}). Everything here is a function of the set of
 * readings, not of the order they arrived in.
 *
 * <p>Derived per point, from the readings before it only (so a decision taken on time stays the
 * decision a late re-evaluation takes): whether a volume is implausible, and which contralateral
 * volume it pairs with. Two volumes pair when each is the other's nearest opposite-side volume by
 * the same method within {@link Thresholds.Volume#pairWindow()}, judged when the later of the two
 * arrives in event time; equally near candidates go to the later one.
 */
final class Timeline {

    final ArrayList<Point> points = new ArrayList<>();
    AlertStateMachine base = AlertStateMachine.EMPTY;
    final ArrayList<Transition> transitions = new ArrayList<>();

    /** The readingIds of {@code points}, for de-duplication; rebuilt after deserialization. */
    private transient HashSet<String> ids;

    /**
     * Counts changes that can alter the metrics of readings already held (an insert before the
     * newest reading, a prune by the cap), so results derived from them can be cached in memory.
     */
    private transient int edits;

    /**
     * The evaluations of the volume pairs and of the bioimpedance readings in {@code points}, in
     * their order, for {@code evaluatedFor}; null until used and after a change they do not follow.
     * Every reading's rules read the evaluations of the last weeks, and finding them among the
     * points at every reading (a cache miss a point) cost more than the rules did with them; a
     * reading appended at the end and a pruned start are followed.
     */
    private transient ArrayList<Evaluation> pairs;

    private transient ArrayList<Evaluation> bioimpedance;
    private transient Profile evaluatedFor;

    /** The last {@link #trend}, with the window it fitted; null after the points change. */
    private transient Fit lastFit;

    private record Fit(
            long fromMs, long windowStartMs, Point to, Profile profile, SwellingTrend trend) {}

    /** A copy to change on its own, keeping the evaluations, ids and fit kept so far. */
    Timeline copy() {
        Timeline c = new Timeline();
        c.points.addAll(points);
        c.base = base;
        c.transitions.addAll(transitions);
        c.ids = ids == null ? null : new HashSet<>(ids);
        c.edits = edits;
        c.pairs = pairs == null ? null : new ArrayList<>(pairs);
        c.bioimpedance = bioimpedance == null ? null : new ArrayList<>(bioimpedance);
        c.evaluatedFor = evaluatedFor;
        c.lastFit = lastFit;
        return c;
    }

    int size() {
        return points.size();
    }

    Point get(int i) {
        return points.get(i);
    }

    boolean contains(String readingId) {
        if (ids == null) {
            ids = new HashSet<>();
            points.forEach(p -> ids.add(p.readingId()));
        }
        return ids.contains(readingId);
    }

    /** Index of the first point measured at or after {@code ms}. */
    int firstAtOrAfter(long ms) {
        int lo = 0;
        int hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).atMs() < ms) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int indexOf(Point p) {
        int last = points.size() - 1;
        if (last >= 0 && points.get(last).compareTo(p) == 0) {
            return last;
        }
        return Collections.binarySearch(points, p);
    }

    /**
     * Inserts a new reading in event-time order and re-derives the points it can influence.
     *
     * @return indices of the points that now complete a pair they did not complete before,
     *     including the new one
     */
    List<Integer> insert(Point p, Thresholds t) {
        // Most readings arrive in order: a comparison with the newest instead of a binary search.
        boolean appended = points.isEmpty() || points.get(points.size() - 1).compareTo(p) < 0;
        int at = appended ? points.size() : -Collections.binarySearch(points, p) - 1;
        lastFit = null;
        if (!appended) {
            edits++;
            pairs = null;
            bioimpedance = null;
        }
        points.add(at, p);
        if (ids != null) {
            ids.add(p.readingId());
        }
        if (!p.is(Point.Kind.VOLUME)) {
            if (bioimpedance != null && p.is(Point.Kind.BIOIMPEDANCE)) {
                bioimpedance.add(Evaluation.ofBioimpedance(p, evaluatedFor));
            }
            return List.of();
        }
        long jumpEnd = p.atMs() + t.quality().jumpReference().toMillis();
        for (int i = at; i < points.size() && points.get(i).atMs() <= jumpEnd; i++) {
            Point q = points.get(i);
            if (q.is(Point.Kind.VOLUME) && q.side() == p.side()) {
                replace(i, q.withImplausible(implausible(i, t)));
            }
        }
        List<Integer> paired = new ArrayList<>();
        long pairEnd = jumpEnd + 2 * t.volume().pairWindow().toMillis();
        for (int i = at; i < points.size() && points.get(i).atMs() <= pairEnd; i++) {
            Point q = points.get(i);
            if (q.is(Point.Kind.VOLUME)) {
                Point updated = q.withPartner(partner(i, t));
                replace(i, updated);
                if (updated.completesPair()
                        && (i == at || !Objects.equals(updated.partnerId(), q.partnerId()))) {
                    paired.add(i);
                }
            }
        }
        return paired;
    }

    /** Drops readings measured before {@code cutMs}, folding their transitions into the base. */
    void prune(long cutMs, int maxPoints) {
        int n = 0;
        while (n < points.size()
                && (points.get(n).atMs() < cutMs || points.size() - n > maxPoints)) {
            n++;
        }
        if (n == 0) {
            return;
        }
        if (points.size() - n >= maxPoints) {
            edits++;
        }
        Point firstKept = n < points.size() ? points.get(n) : null;
        lastFit = null;
        if (ids != null) {
            points.subList(0, n).forEach(p -> ids.remove(p.readingId()));
        }
        points.subList(0, n).clear();
        dropBefore(pairs, firstKept);
        dropBefore(bioimpedance, firstKept);
        int m = 0;
        while (m < transitions.size()
                && (firstKept == null || transitions.get(m).compareTo(firstKept) < 0)) {
            base = transitions.get(m).after();
            m++;
        }
        transitions.subList(0, m).clear();
    }

    /** The machine as it stood just before point {@code i}. */
    AlertStateMachine machineBefore(int i) {
        Point p = points.get(i);
        for (int k = transitions.size() - 1; k >= 0; k--) {
            if (transitions.get(k).compareTo(p) < 0) {
                return transitions.get(k).after();
            }
        }
        return base;
    }

    int edits() {
        return edits;
    }

    AlertStateMachine current() {
        return transitions.isEmpty() ? base : transitions.get(transitions.size() - 1).after();
    }

    /** Forgets the transitions at and after point {@code i}, before the rules re-run from it. */
    List<EpisodeEvent> dropTransitionsFrom(int i) {
        Point p = points.get(i);
        List<EpisodeEvent> dropped = new ArrayList<>();
        int k = transitions.size();
        while (k > 0 && transitions.get(k - 1).compareTo(p) >= 0) {
            k--;
        }
        for (Transition tr : transitions.subList(k, transitions.size())) {
            dropped.addAll(tr.events());
        }
        transitions.subList(k, transitions.size()).clear();
        return dropped;
    }

    void record(int i, AlertStateMachine after, List<EpisodeEvent> events) {
        Point p = points.get(i);
        transitions.add(new Transition(p.atMs(), p.readingId(), after, events));
    }

    /** Sets point {@code i}; the pairs follow a change of the newest point. */
    private void replace(int i, Point p) {
        Point old = points.set(i, p);
        if (pairs == null) {
            return;
        }
        // An appended reading is set while it pairs, before it completes a pair; any other
        // change is left to a fresh look.
        if (i != points.size() - 1 || old.completesPair()) {
            pairs = null;
        } else if (p.completesPair()) {
            pairs.add(Evaluation.ofPair(p, evaluatedFor));
        }
    }

    private static void dropBefore(List<Evaluation> evaluations, Point firstKept) {
        if (evaluations == null) {
            return;
        }
        int k = 0;
        while (k < evaluations.size()
                && (firstKept == null || evaluations.get(k).point().compareTo(firstKept) < 0)) {
            k++;
        }
        evaluations.subList(0, k).clear();
    }

    /** Evaluated volume pairs completed at points from {@code fromMs} up to point {@code to}. */
    List<Evaluation> volumeEvaluations(long fromMs, int to, Profile profile) {
        evaluate(profile);
        return window(pairs, fromMs, points.get(to));
    }

    /**
     * The trend of the volume pairs from {@code fromMs} up to point {@code to}, in days from {@code
     * windowStartMs}. Once the rules apply, a reading's rules and its metrics row fit the same
     * window, so the last fit is kept until the points change.
     */
    SwellingTrend trend(long fromMs, long windowStartMs, int to, Profile profile) {
        Point last = points.get(to);
        Fit f = lastFit;
        if (f == null
                || f.to() != last
                || f.profile() != profile
                || f.fromMs() != fromMs
                || f.windowStartMs() != windowStartMs) {
            SwellingTrend tr =
                    AlertRules.fit(volumeEvaluations(fromMs, to, profile), windowStartMs);
            f = new Fit(fromMs, windowStartMs, last, profile, tr);
            lastFit = f;
        }
        return f.trend();
    }

    /** Bioimpedance readings from {@code fromMs} up to point {@code to}, quality flags excluded. */
    List<Evaluation> bioimpedanceEvaluations(long fromMs, int to, Profile profile, Thresholds t) {
        evaluate(profile);
        List<Evaluation> out = window(bioimpedance, fromMs, points.get(to));
        out.removeIf(e -> lDexImplausible(e.lDex(), t));
        return out;
    }

    private void evaluate(Profile profile) {
        if (evaluatedFor != profile) {
            pairs = null;
            bioimpedance = null;
            evaluatedFor = profile;
        }
        if (pairs == null) {
            pairs = new ArrayList<>();
            for (Point p : points) {
                if (p.completesPair()) {
                    pairs.add(Evaluation.ofPair(p, profile));
                }
            }
        }
        if (bioimpedance == null) {
            bioimpedance = new ArrayList<>();
            for (Point p : points) {
                if (p.is(Point.Kind.BIOIMPEDANCE)) {
                    bioimpedance.add(Evaluation.ofBioimpedance(p, profile));
                }
            }
        }
    }

    /** The evaluations of points at or after {@code fromMs} and up to point {@code last}. */
    private static List<Evaluation> window(List<Evaluation> evaluations, long fromMs, Point last) {
        int lo = 0;
        int hi = evaluations.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (evaluations.get(mid).point().compareTo(last) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        lo = 0;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (evaluations.get(mid).atMs() < fromMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return new ArrayList<>(evaluations.subList(lo, end));
    }

    /** Context reports carrying {@code flag} from {@code fromMs} up to point {@code to}. */
    List<Point> contexts(long fromMs, int to, int flag) {
        List<Point> out = new ArrayList<>();
        for (int i = firstAtOrAfter(fromMs); i <= to; i++) {
            Point p = points.get(i);
            if (p.is(Point.Kind.CONTEXT) && p.has(flag)) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean lDexImplausible(Point p, Thresholds t) {
        return lDexImplausible(p.lDex(), t);
    }

    private static boolean lDexImplausible(double lDex, Thresholds t) {
        return !Double.isNaN(lDex) && lDex < t.quality().lDexBelow();
    }

    /**
     * The same limb's recent volumes that point {@code i} is judged against: up to three, within
     * {@link Thresholds.Quality#jumpReference()} before it, implausible ones included so that a
     * real step change is accepted after a few readings.
     */
    List<Point> jumpReference(int i, Thresholds t) {
        Point p = points.get(i);
        long from = p.atMs() - t.quality().jumpReference().toMillis();
        List<Point> ref = new ArrayList<>(3);
        for (int k = i - 1; k >= 0 && ref.size() < 3 && points.get(k).atMs() >= from; k--) {
            Point q = points.get(k);
            if (q.is(Point.Kind.VOLUME) && q.side() == p.side()) {
                ref.add(q);
            }
        }
        Collections.reverse(ref);
        return ref;
    }

    static double medianVolume(List<Point> ps) {
        double[] v = new double[ps.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = ps.get(k).volumeMl();
        }
        return median(v);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private boolean implausible(int i, Thresholds t) {
        List<Point> ref = jumpReference(i, t);
        if (ref.isEmpty()) {
            return false;
        }
        double m = medianVolume(ref);
        return Math.abs(points.get(i).volumeMl() - m) / m * 100 > t.quality().implausibleJumpPct();
    }

    private Point partner(int i, Thresholds t) {
        Point p = points.get(i);
        if (!p.pairable()) {
            return null;
        }
        long window = t.volume().pairWindow().toMillis();
        Point q = null;
        for (int k = i - 1; k >= 0 && p.atMs() - points.get(k).atMs() <= window; k--) {
            Point c = points.get(k);
            if (c.pairable() && c.side() != p.side() && c.method() == p.method()) {
                q = c;
                break;
            }
        }
        if (q == null) {
            return null;
        }
        // Mutual: no same-side volume before p lies strictly nearer to q than p does.
        long d = p.atMs() - q.atMs();
        for (int k = i - 1; k >= 0 && points.get(k).atMs() > q.atMs() - d; k--) {
            Point s = points.get(k);
            if (s.pairable()
                    && s.side() == p.side()
                    && s.method() == p.method()
                    && Math.abs(s.atMs() - q.atMs()) < d) {
                return null;
            }
        }
        return q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeline t
                && points.equals(t.points)
                && base.equals(t.base)
                && transitions.equals(t.transitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(points, base, transitions);
    }
}

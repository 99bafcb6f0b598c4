package org.lymphwatch.simulators;

import java.util.ArrayList;
import java.util.List;

/**
 * The at-risk arm's swelling, day by day after surgery, as a fraction of its pre-operative volume
 * (the "excess"): post-operative swelling, then per course a transient rise or lymphedema with its
 * treatment and cellulitis. Since weight changes both arms alike, the excess is exactly the true
 * relative volume change.
 */
final class ClinicalCourse {

    static final double SUBCLINICAL = 0.05;
    static final double LYMPHEDEMA = 0.10;

    /** "About a third of mild early episodes are transient" (DESIGN section 2). */
    static final double TRANSIENT_SHARE = 1.0 / 3;

    static final int TWO_YEARS = 730;

    private static final int POST_OP_PEAK_DAY = 2;
    private static final int EARLIEST_RISE_DAY = 14;
    private static final double MEDIAN_PROGRESSION_PER_DAY = 0.025 / 30.44;
    private static final int MASSAGE_COURSE_DAYS = 28;
    private static final double RESPONDER_SHARE = 0.75;
    private static final double COMPRESSED_PROGRESSION = 0.2;

    /** Cellulitis affects about 11% of lymphedema patients a year (DESIGN section 2). */
    private static final double CELLULITIS_PER_DAY = 0.11 / 365.25;

    private final CourseKind planned;
    private final double[] excess;
    private final List<Episode> episodes;
    private final boolean respondsToMassage;

    private ClinicalCourse(
            CourseKind planned,
            double[] excess,
            List<Episode> episodes,
            boolean respondsToMassage) {
        this.planned = planned;
        this.excess = excess;
        this.episodes = episodes;
        this.respondsToMassage = respondsToMassage;
    }

    static ClinicalCourse draw(double incidence, int days, Dice dice) {
        double[] excess = new double[days];
        List<Episode> episodes = new ArrayList<>();
        postOperative(excess, episodes, dice);
        // Incidence counts cases within two years; some cases appear later.
        double lymphedema = incidence / OnsetDistribution.cumulative(TWO_YEARS);
        double transientRise = lymphedema * TRANSIENT_SHARE / (1 - TRANSIENT_SHARE);
        double u = dice.uniform(0, 1);
        CourseKind planned =
                u < lymphedema
                        ? CourseKind.LYMPHEDEMA
                        : u < lymphedema + transientRise ? CourseKind.TRANSIENT : CourseKind.NONE;
        boolean responds = false;
        switch (planned) {
            case LYMPHEDEMA -> responds = lymphedema(excess, episodes, dice);
            case TRANSIENT -> transientRise(excess, episodes, dice);
            case NONE -> {}
        }
        episodes.removeIf(e -> e.fromDay() >= days);
        return new ClinicalCourse(planned, excess, List.copyOf(episodes), responds);
    }

    /** The course the patient is on, even if it shows only after follow-up ends. */
    CourseKind planned() {
        return planned;
    }

    /** Follow-up days. */
    int length() {
        return excess.length;
    }

    double excess(int day) {
        return excess[day];
    }

    List<Episode> episodes() {
        return episodes;
    }

    /** Whether a massage course, if there is one, takes a meaningful part of the swelling off. */
    boolean respondsToMassage() {
        return respondsToMassage;
    }

    /** Peaks 2 days after surgery at 1-4%, below the 5% subclinical mark, then fades in weeks. */
    private static void postOperative(double[] excess, List<Episode> episodes, Dice dice) {
        double peak = dice.uniform(0.01, 0.04);
        double decayDays = dice.uniform(7, 21);
        for (int d = 0; d < excess.length; d++) {
            excess[d] +=
                    d < POST_OP_PEAK_DAY
                            ? peak * (d + 1) / (POST_OP_PEAK_DAY + 1)
                            : peak * Math.exp(-(d - POST_OP_PEAK_DAY) / decayDays);
        }
        episodes.add(
                new Episode(
                        EpisodeType.POST_OP, 0, POST_OP_PEAK_DAY + (int) Math.ceil(3 * decayDays)));
    }

    /**
     * Rises linearly at a per-patient rate (median 2.5% a month) to a plateau of 12-35%, reaching
     * 10% on a day drawn from {@link OnsetDistribution}. Two to eight weeks later a four-week
     * massage course starts, with compression from then on: compression slows the progression to a
     * fifth, and the course takes 30-60% off the swelling in responders (three in four) and at most
     * 8% in non-responders.
     *
     * @return whether the patient responds to massage
     */
    private static boolean lymphedema(double[] excess, List<Episode> episodes, Dice dice) {
        double appears = OnsetDistribution.draw(dice);
        // Early cases progress fast enough that the rise starts after the first two weeks.
        double rate =
                Math.max(
                        dice.logNormal(MEDIAN_PROGRESSION_PER_DAY, 0.5),
                        LYMPHEDEMA / (appears - EARLIEST_RISE_DAY));
        double riseStart = appears - LYMPHEDEMA / rate;
        double plateau = dice.uniform(0.12, 0.35);
        int massageFrom = (int) Math.ceil(appears) + dice.between(14, 60);
        Episode massage =
                new Episode(
                        EpisodeType.MASSAGE_COURSE, massageFrom, massageFrom + MASSAGE_COURSE_DAYS);
        boolean responder = dice.chance(RESPONDER_SHARE);
        double reduction = responder ? dice.uniform(0.3, 0.6) : dice.uniform(0, 0.08);
        for (int d = (int) Math.ceil(riseStart); d < excess.length; d++) {
            double progressing =
                    d < massageFrom
                            ? d - riseStart
                            : massageFrom - riseStart + COMPRESSED_PROGRESSION * (d - massageFrom);
            double untreated = Math.min(plateau, rate * progressing);
            excess[d] += untreated * (1 - reduction * massage.progress(d));
        }
        episodes.add(massage);
        episodes.add(
                new Episode(
                        EpisodeType.COMPRESSION,
                        massageFrom,
                        Math.max(excess.length, massageFrom + MASSAGE_COURSE_DAYS)));
        cellulitis(excess, episodes, dice, (int) Math.ceil(appears));
        return responder;
    }

    /** Sudden rise of 6-15% over 1-3 days, resolving over 1-3 weeks. */
    private static void cellulitis(
            double[] excess, List<Episode> episodes, Dice dice, int fromDay) {
        for (int d = fromDay; d < excess.length; d++) {
            if (!dice.chance(CELLULITIS_PER_DAY)) {
                continue;
            }
            int rise = dice.between(1, 3);
            double peak = dice.uniform(0.06, 0.15);
            int resolve = dice.between(7, 21);
            for (int j = 0; j < rise + resolve && d + j < excess.length; j++) {
                excess[d + j] +=
                        j < rise
                                ? peak * (j + 1) / rise
                                : peak * (1 - (j - rise + 1) / (double) resolve);
            }
            episodes.add(new Episode(EpisodeType.CELLULITIS, d, d + rise + resolve));
            d += rise + resolve - 1;
        }
    }

    /** Starts in the first year, rises over 2-6 weeks to 6-9%, holds up to 4 weeks, resolves. */
    private static void transientRise(double[] excess, List<Episode> episodes, Dice dice) {
        int from = dice.between(30, 330);
        double peak = dice.uniform(0.06, 0.09);
        int rise = dice.between(14, 42);
        int hold = dice.between(0, 28);
        int fall = dice.between(28, 90);
        for (int j = 0; j < rise + hold + fall && from + j < excess.length; j++) {
            excess[from + j] +=
                    j < rise
                            ? peak * (j + 1) / rise
                            : j < rise + hold
                                    ? peak
                                    : peak * (1 - (j - rise - hold + 1) / (double) fall);
        }
        episodes.add(new Episode(EpisodeType.TRANSIENT, from, from + rise + hold + fall));
    }
}

package org.lymphwatch.analytics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every threshold and window of the alert rules, grouped by rule. {@link #DEFAULT} holds the
 * figures of DESIGN section 2; each component's Javadoc names its clinical source, or says plainly
 * when a value is an engineering choice without one.
 */
public record Thresholds(
        Volume volume,
        Bioimpedance bioimpedance,
        Confirmation confirmation,
        Trend trend,
        RapidRise rapidRise,
        Massage massage,
        Quality quality,
        Timing timing)
        implements java.io.Serializable {

    public static final Thresholds DEFAULT =
            new Thresholds(
                    Volume.DEFAULT,
                    Bioimpedance.DEFAULT,
                    Confirmation.DEFAULT,
                    Trend.DEFAULT,
                    RapidRise.DEFAULT,
                    Massage.DEFAULT,
                    Quality.DEFAULT,
                    Timing.DEFAULT);

    /**
     * Limb-volume criteria.
     *
     * @param rvcSubclinicalPct RVC at or above this is subclinical / mild lymphedema: 5 %
     *     (Ancukiewicz et al. 2011, relative volume change).
     * @param rvcLymphedemaPct RVC at or above this is lymphedema: 10 % (Ancukiewicz et al. 2011).
     * @param rvcSubclinicalResolvePct a subclinical episode resolves only below this (hysteresis, 2
     *     points under the opening threshold: an engineering choice about twice the perometer's
     *     repeatability, not a published figure).
     * @param rvcLymphedemaResolvePct a lymphedema episode resolves only below this (hysteresis, as
     *     above).
     * @param ilvdLymphedemaMl without a pre-operative baseline, an inter-limb volume difference of
     *     at least 200 mL is lymphedema (arm studies; applied to arms only, where healthy limbs
     *     differ by far less than a leg's 200 mL).
     * @param ilvdLymphedemaPct without a baseline, ILVD of at least 10 % is lymphedema; healthy
     *     arms differ by up to about 4 % (dominance).
     * @param ilvdResolveMl hysteresis for the mL criterion (engineering choice, 80 % of opening).
     * @param ilvdResolvePct hysteresis for the % criterion (engineering choice, 2 points).
     * @param moderatePct excess volume from which lymphedema is moderate: 20 % (International
     *     Society of Lymphology consensus 2020, severity by limb-volume excess).
     * @param severePct excess volume from which lymphedema is severe: 40 % (ISL consensus 2020).
     * @param pairWindow the two sides of one evaluation must be measured within this of each other
     *     (24 h); the at-risk limb is compared with the unaffected limb of the same session.
     */
    public record Volume(
            double rvcSubclinicalPct,
            double rvcLymphedemaPct,
            double rvcSubclinicalResolvePct,
            double rvcLymphedemaResolvePct,
            double ilvdLymphedemaMl,
            double ilvdLymphedemaPct,
            double ilvdResolveMl,
            double ilvdResolvePct,
            double moderatePct,
            double severePct,
            Duration pairWindow)
            implements java.io.Serializable {
        public static final Volume DEFAULT =
                new Volume(5, 10, 3, 8, 200, 10, 160, 8, 20, 40, Duration.ofHours(24));
    }

    /**
     * Bioimpedance spectroscopy criteria (ImpediMed L-Dex; R0 ratio).
     *
     * @param lDexDeltaSubclinical a rise of L-Dex from the pre-operative baseline by at least 6.5
     *     is subclinical lymphedema and triggers compression (PREVENT trial: TPR 70.6 %, FPR 2.6
     *     %).
     * @param lDexDeltaResolve hysteresis for the L-Dex rise (engineering choice).
     * @param lDexLymphedema L-Dex above +10 suggests lymphedema (normal range -10 to +10).
     * @param lDexLymphedemaResolve hysteresis for the absolute L-Dex (engineering choice).
     * @param r0RatioNonDominant R0(unaffected)/R0(at risk) above 1.066 suggests lymphedema when the
     *     non-dominant arm is at risk (Cornish et al.; DESIGN section 2). Also used when dominance
     *     is unknown, the more sensitive choice.
     * @param r0RatioDominant above 1.139 when the dominant arm is at risk.
     * @param r0RatioResolveMargin hysteresis below the ratio threshold (engineering choice).
     */
    public record Bioimpedance(
            double lDexDeltaSubclinical,
            double lDexDeltaResolve,
            double lDexLymphedema,
            double lDexLymphedemaResolve,
            double r0RatioNonDominant,
            double r0RatioDominant,
            double r0RatioResolveMargin)
            implements java.io.Serializable {
        public static final Bioimpedance DEFAULT =
                new Bioimpedance(6.5, 5.0, 10, 8, 1.066, 1.139, 0.02);
    }

    /**
     * Confirmation (DESIGN section 4): a threshold must hold on two consecutive evaluations of the
     * same kind (volume or bioimpedance), or on the latest one with the volume trend rising
     * significantly.
     *
     * @param window the two confirming evaluations must both lie within this window.
     * @param trendP the trend confirms a single evaluation when rising with p below this.
     * @param resolveSpan an episode resolves only when every evaluation of the last 14 days (at
     *     least two) is below the resolve threshold: lymphedema is chronic, and a limb hovering
     *     near a threshold must not open and close an alert every few days (engineering choice).
     * @param reopenCooldown hysteresis in time: for this long after an episode of a slot resolved,
     *     a new episode of that slot needs stronger evidence than the first: SUBCLINICAL and
     *     LYMPHEDEMA {@code reopenEvaluations} consecutive evaluations of one kind (no trend
     *     shortcut), WORSENING_TREND the escalation slope, an L-Dex quality problem two implausible
     *     readings in a row. One noisy episode then reaches the clinician once, not every few weeks
     *     (engineering choice: 28 days, the confirmation window; zero turns it off). RAPID_RISE is
     *     exempt: a new sudden rise is always news.
     * @param reopenEvaluations evaluations in a row at the level that re-open a slot within the
     *     cooldown (3: one more than a first opening needs; never fewer than 2).
     */
    public record Confirmation(
            Duration window,
            double trendP,
            Duration resolveSpan,
            Duration reopenCooldown,
            int reopenEvaluations)
            implements java.io.Serializable {
        public static final Confirmation DEFAULT =
                new Confirmation(
                        Duration.ofDays(28), 0.05, Duration.ofDays(14), Duration.ofDays(28), 3);
    }

    /**
     * Rolling trend: ordinary least squares of the swelling metric (RVC, or ILVD % without a
     * baseline) over the window, slope in percentage points per week. No published threshold exists
     * for a home-monitoring trend; these are engineering choices: a significant rise of 0.5 points
     * a week reaches the 10 % lymphedema threshold from a healthy limb in about five months, early
     * enough for compression to help (PREVENT). The trend is tested at every reading over
     * overlapping windows, hence the strict significance level: on the simulated cohort p < 0.01
     * gave 0.36 alerts per patient-year without any swelling, p < 0.001 0.05.
     *
     * @param window DESIGN default 28 days.
     * @param minPoints fewer evaluations in the window give no trend alert.
     * @param minSpan the evaluations must span at least this much time.
     * @param alertSlopePctPerWeek the slope must be at least this ...
     * @param alertP ... and significant at this level (two-sided p of the slope).
     * @param escalateSlopePctPerWeek an open trend alert escalates at this slope.
     * @param resolveSlopePctPerWeek the alert resolves when the slope falls below this ...
     * @param resolveP ... or its p rises to this (hysteresis against flapping around alertP).
     */
    public record Trend(
            Duration window,
            int minPoints,
            Duration minSpan,
            double alertSlopePctPerWeek,
            double alertP,
            double escalateSlopePctPerWeek,
            double resolveSlopePctPerWeek,
            double resolveP)
            implements java.io.Serializable {
        public static final Trend DEFAULT =
                new Trend(Duration.ofDays(28), 8, Duration.ofDays(21), 0.5, 0.001, 2.0, 0.25, 0.10);
    }

    /**
     * Sudden unilateral rise within days: cellulitis (about 11 % a year in lymphedema) or a blood
     * clot must be ruled out (DESIGN section 2). The metric is RVC or ILVD %, which already cancel
     * a rise in both limbs (weight gain).
     *
     * @param risePctPoints rise over the reference level that counts: 5 points, beyond the
     *     measurement noise of home devices (engineering choice).
     * @param reference the reference level is the median of the evaluations in this window before
     *     the reading ...
     * @param referenceGap ... ending this long before it, so the rise itself stays out of it.
     * @param resolvePctPoints resolves when back within this of the reference on two evaluations.
     * @param acutePhase an episode still open this long after opening resolves: persistent swelling
     *     is then followed by the threshold alerts.
     * @param feverWindow fever or redness reported within this of the rise confirms it at once and
     *     raises severity.
     */
    public record RapidRise(
            double risePctPoints,
            Duration reference,
            Duration referenceGap,
            double resolvePctPoints,
            Duration acutePhase,
            Duration feverWindow)
            implements java.io.Serializable {
        public static final RapidRise DEFAULT =
                new RapidRise(
                        5,
                        Duration.ofDays(7),
                        Duration.ofHours(12),
                        2,
                        Duration.ofDays(14),
                        Duration.ofHours(72));
    }

    /**
     * No response to a course of massage: manual lymphatic drainage (with compression) is expected
     * to take 30-60 % off the excess volume of a lymphedematous limb (complete decongestive
     * therapy); if the limb does not shrink, the treatment plan needs review.
     *
     * @param courseSessions sessions within {@code courseWindow} of the first that make a course
     *     (three weeks of weekday sessions; occasional self-massage does not add up to one).
     * @param courseGap a session more than this after the previous one starts a new course.
     * @param courseWindow the length of a course: its response is judged once this much time has
     *     passed since its first session (within {@code courseGap} after); a course without
     *     sessions for this long has ended.
     * @param minLevelPct the limb must have been swollen (subclinical or worse) when the course
     *     began; massage of a healthy limb cannot show a response.
     * @param meaningfulReductionPct a reduction by at least this percentage of the excess at the
     *     start of the course counts as a response (half the lower end of the expected 30 %), as
     *     does a significantly falling trend over the course.
     * @param reference the level before the course is the median over this window before its first
     *     session; the level now the median over this window.
     */
    public record Massage(
            int courseSessions,
            Duration courseGap,
            Duration courseWindow,
            double minLevelPct,
            double meaningfulReductionPct,
            Duration reference)
            implements java.io.Serializable {
        public static final Massage DEFAULT =
                new Massage(
                        15, Duration.ofDays(14), Duration.ofDays(28), 5, 15, Duration.ofDays(7));
    }

    /**
     * Measurement quality: flag, do not alarm.
     *
     * @param lDexBelow L-Dex below -10 usually means a measurement error (wrong side, lead
     *     placement; DESIGN section 2).
     * @param implausibleJumpPct a limb volume more than this far from the median of the same limb's
     *     recent readings is physiologically impossible within days and is left out of the metrics
     *     (engineering choice: cellulitis swells a limb by tens of percent at most, over days).
     * @param jumpReference the recent readings for that median.
     * @param clockBeforeSurgery a reading measured more than this before surgery means the device
     *     clock is far off.
     */
    public record Quality(
            double lDexBelow,
            double implausibleJumpPct,
            Duration jumpReference,
            Duration clockBeforeSurgery)
            implements java.io.Serializable {
        public static final Quality DEFAULT =
                new Quality(-10, 30, Duration.ofDays(7), Duration.ofDays(365));
    }

    /**
     * Time rules and state bounds.
     *
     * @param rulesStartDays threshold, trend and no-response alerts start this many days after
     *     surgery: swelling in the first 3 months is usually post-operative (DESIGN section 2).
     * @param staleCadenceFactor STALE_DATA opens when a patient is silent for cadence x this ...
     * @param staleMinimumDays ... and at least this many days. Missed measurements go to the
     *     patient first: their status says from the first missed one that a measurement is due
     *     ({@code PatientStatus.measurementDueAt}, "overdue" in the patient's app), and only a long
     *     silence reaches the clinician's inbox: four weeks, five intervals for weekly measurers
     *     (engineering choice: at cadence x 3 and no minimum, STALE_DATA was 3.6 to 7.7 of 4.9 to
     *     8.8 alerts per patient-year on the simulated cohorts, mostly gaps of days that the
     *     patient closes alone; docs/alert-rules.md has the figures). A clinic that wants to hear
     *     of shorter gaps lowers them.
     * @param maxLateness a reading measured this much before the patient's newest reading is too
     *     late to be analysed; within it, late readings are inserted in order and the rules
     *     re-evaluated, so arrival order does not change the result.
     * @param maxPoints hard cap on stored readings per patient, against a runaway device.
     */
    public record Timing(
            int rulesStartDays,
            double staleCadenceFactor,
            double staleMinimumDays,
            Duration maxLateness,
            int maxPoints)
            implements java.io.Serializable {
        public static final Timing DEFAULT = new Timing(90, 5, 28, Duration.ofDays(14), 1024);
    }

    /**
     * How far back in event time any rule looks from the reading it evaluates. Readings are kept
     * for this plus {@link Timing#maxLateness()}, so a late reading is re-evaluated with the same
     * context it would have had on time.
     */
    public Duration lookback() {
        // Millisecond arithmetic: Duration.multipliedBy goes through BigDecimal, and this is
        // asked on every reading.
        long rules =
                Math.max(
                        Math.max(trend.window().toMillis(), confirmation.window().toMillis()),
                        Math.max(
                                Math.max(
                                        massage.courseWindow().toMillis(),
                                        massage.courseGap().toMillis()),
                                2 * rapidRise.reference().toMillis()));
        return Duration.ofMillis(
                Math.max(rules, quality.jumpReference().toMillis())
                        + 2 * volume.pairWindow().toMillis());
    }

    /** How long readings are kept: {@link #lookback()} plus {@link Timing#maxLateness()}. */
    public Duration retention() {
        return lookback().plus(timing.maxLateness());
    }

    /**
     * Thresholds from a JSON file ({@link ThresholdsJson}): the defaults, with what the file names
     * replaced. The offline analyzer ({@code analyze --thresholds FILE}) and the streaming job read
     * the same file.
     *
     * @throws IllegalArgumentException naming the file and the field that is unknown or wrong
     */
    public static Thresholds load(Path file) throws IOException {
        try {
            return ThresholdsJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}

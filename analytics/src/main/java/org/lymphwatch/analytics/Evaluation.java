package org.lymphwatch.analytics;

import java.util.List;
import org.lymphwatch.analytics.metrics.InterLimbDifference;
import org.lymphwatch.analytics.metrics.LDexChange;
import org.lymphwatch.analytics.metrics.R0Ratio;
import org.lymphwatch.analytics.metrics.RelativeVolumeChange;

/**
 * The metrics of one evaluated reading: a pair of limb volumes (at-risk and unaffected side of one
 * session) or a bioimpedance reading. Not part of the state: recomputed from {@link Point}s. Values
 * that do not apply are NaN.
 *
 * @param evidence the readingIds the values come from, earlier first
 */
record Evaluation(
        Point point,
        List<String> evidence,
        double rvcPct,
        double ilvdMl,
        double ilvdPct,
        double lDex,
        double lDexDelta,
        double r0Ratio) {

    /** The pair of volumes that {@code p} completes. */
    static Evaluation ofPair(Point p, Profile profile) {
        boolean atRisk = p.side() == profile.atRiskSide();
        double a = atRisk ? p.volumeMl() : p.partnerVolumeMl();
        double u = atRisk ? p.partnerVolumeMl() : p.volumeMl();
        double rvc =
                profile.hasBaselineVolumes()
                        ? RelativeVolumeChange.percent(
                                a, u, profile.baselineAtRiskMl(), profile.baselineUnaffectedMl())
                        : Double.NaN;
        return new Evaluation(
                p,
                List.of(p.partnerId(), p.readingId()),
                rvc,
                InterLimbDifference.ml(a, u),
                InterLimbDifference.percent(a, u),
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    static Evaluation ofBioimpedance(Point p, Profile profile) {
        return new Evaluation(
                p,
                List.of(p.readingId()),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                p.lDex(),
                LDexChange.fromBaseline(p.lDex(), profile.baselineLDex()),
                R0Ratio.of(p.r0UnaffectedOhm(), p.r0AtRiskOhm()));
    }

    long atMs() {
        return point.atMs();
    }

    boolean isVolume() {
        return point.is(Point.Kind.VOLUME);
    }

    /** The swelling metric trends and rises are measured in: RVC, or ILVD % without a baseline. */
    double swellingPct() {
        return Double.isNaN(rvcPct) ? ilvdPct : rvcPct;
    }

    /** Name of {@link #swellingPct()} in alerts. */
    String swellingMetric() {
        return Double.isNaN(rvcPct) ? "ILVD_PCT" : "RVC";
    }
}

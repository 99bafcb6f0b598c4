package org.lymphwatch.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;

/**
 * The plain-language texts of alerts: what was measured against which threshold, and what to do.
 * Written for clinicians and, where it concerns them, patients (rapid rise).
 */
final class AlertMessages {

    // Every rule names the limb at every reading: the few names are written once.
    private static final String[][] LIMB_NAMES = limbNames();

    private AlertMessages() {}

    static String limb(Limb limb, Side side) {
        return LIMB_NAMES[limb.ordinal()][side == null ? 0 : side.ordinal() + 1];
    }

    /** Per limb: its name alone, then "left arm", "right arm" and so on in the order of Side. */
    private static String[][] limbNames() {
        String[][] names = new String[Limb.values().length][Side.values().length + 1];
        for (Limb limb : Limb.values()) {
            String l = limb.name().toLowerCase(Locale.ROOT);
            names[limb.ordinal()][0] = l;
            for (Side side : Side.values()) {
                names[limb.ordinal()][side.ordinal() + 1] =
                        side.name().toLowerCase(Locale.ROOT) + " " + l;
            }
        }
        return names;
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String n2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String n3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String p(double p) {
        return p < 0.001 ? "p < 0.001" : "p = " + String.format(Locale.ROOT, "%.3f", p);
    }

    static String days(long ms) {
        return n(ms / 86_400_000d);
    }

    static String date(long ms) {
        return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** "relative volume change 11.2 % (threshold 10 %)" and the like, for one criterion. */
    static String criterion(String metric, double value, double threshold) {
        return switch (metric) {
            case "RVC" ->
                    "relative volume change " + n(value) + " % (threshold " + n(threshold) + " %)";
            case "ILVD_PCT" ->
                    "inter-limb volume difference "
                            + n(value)
                            + " % (threshold "
                            + n(threshold)
                            + " %)";
            case "ILVD" ->
                    "inter-limb volume difference "
                            + Math.round(value)
                            + " mL (threshold "
                            + Math.round(threshold)
                            + " mL)";
            case "LDEX" -> "L-Dex " + n(value) + " (threshold " + n(threshold) + ")";
            case "LDEX_DELTA" ->
                    "L-Dex "
                            + n(value)
                            + " above the pre-operative baseline (threshold "
                            + n(threshold)
                            + ")";
            case "R0_RATIO" ->
                    "bioimpedance ratio R0 " + n3(value) + " (threshold " + n3(threshold) + ")";
            default -> metric + " " + n(value) + " (threshold " + n(threshold) + ")";
        };
    }

    static String confirmation(int readings, SwellingTrendText trend) {
        return trend != null
                ? ", confirmed by a rising trend of " + trend.text()
                : " on " + readings + " readings";
    }

    /** A trend, as text: "0.9 %/week (95 % CI 0.4 to 1.4, p = 0.003, 12 readings)". */
    record SwellingTrendText(String text) {
        static SwellingTrendText of(org.lymphwatch.analytics.trend.SwellingTrend t) {
            return new SwellingTrendText(
                    n2(t.slopePctPerWeek())
                            + " %/week (95 % CI "
                            + n2(t.ciLowPctPerWeek())
                            + " to "
                            + n2(t.ciHighPctPerWeek())
                            + ", "
                            + p(t.p())
                            + ", "
                            + t.n()
                            + " readings over "
                            + n(t.spanDays())
                            + " days)");
        }
    }

    static String subclinical(String where, String criterion, String confirmation) {
        return "Early (subclinical) swelling of the "
                + where
                + ": "
                + criterion
                + confirmation
                + ". Early compression can stop it progressing: arrange a check with the"
                + " lymphedema therapist.";
    }

    static String lymphedema(String where, String criterion, String confirmation) {
        return "Lymphedema likely in the "
                + where
                + ": "
                + criterion
                + confirmation
                + ". Arrange a clinical assessment; compression therapy is usually indicated.";
    }

    static String severity(String where, int level, double pct, double threshold) {
        return "Lymphedema of the "
                + where
                + " is now "
                + (level >= 3 ? "severe" : "moderate")
                + ": volume excess "
                + n(pct)
                + " % (threshold "
                + n(threshold)
                + " %, ISL staging). Review the treatment plan.";
    }

    static String progressed(String where, String lymphedemaAlertId) {
        return "Superseded: the swelling of the "
                + where
                + " progressed to lymphedema (alert "
                + lymphedemaAlertId
                + ").";
    }

    static String swellingResolved(String where, String criterion, Duration span) {
        return "Resolved: the "
                + where
                + " is back to "
                + criterion
                + ", below the threshold on every reading of the last "
                + span.toDays()
                + " days.";
    }

    static String trendOpened(String where, SwellingTrendText trend, double threshold) {
        return "Swelling of the "
                + where
                + " is rising by "
                + trend.text()
                + "; alert threshold "
                + n2(threshold)
                + " %/week. Review at the next contact and consider early compression.";
    }

    static String trendEscalated(String where, SwellingTrendText trend) {
        return "Swelling of the "
                + where
                + " is rising fast: "
                + trend.text()
                + ". Arrange a clinical assessment soon.";
    }

    static String trendResolved(String where, SwellingTrendText trend) {
        return "Resolved: the swelling trend of the "
                + where
                + " has flattened to "
                + trend.text()
                + ".";
    }

    private static final String RAPID_ADVICE =
            " Contact your provider promptly and pause self-massage until an infection"
                    + " (cellulitis) or a blood clot (deep vein thrombosis) has been ruled out.";

    private static final String FEVER_ADVICE =
            " Fever or redness was reported as well: possible cellulitis. Contact your provider"
                    + " today and pause self-massage.";

    static String rapidRise(
            String where,
            String metric,
            double rise,
            double threshold,
            long overMs,
            boolean fever) {
        return "Sudden swelling of the "
                + where
                + ": "
                + (metric.equals("RVC") ? "relative volume change" : "inter-limb difference")
                + " up "
                + n(rise)
                + " percentage points within "
                + days(overMs)
                + " days (threshold "
                + n(threshold)
                + ")."
                + (fever ? FEVER_ADVICE : RAPID_ADVICE);
    }

    static String rapidRiseFever(String where) {
        return "Sudden swelling of the " + where + " with fever or redness:" + FEVER_ADVICE;
    }

    static String rapidRiseSettled(String where, double reference, double tolerance) {
        return "Resolved: the "
                + where
                + " is back within "
                + n(tolerance)
                + " points of its level before the rise ("
                + n(reference)
                + " %).";
    }

    static String rapidRiseAcuteOver(Duration acute) {
        return "Acute phase over after "
                + acute.toDays()
                + " days; lasting swelling is followed by the threshold alerts.";
    }

    static String noResponse(
            String where, int sessions, long courseStartMs, double before, double now, double min) {
        return "No measurable response of the "
                + where
                + " to "
                + sessions
                + " massage sessions since "
                + date(courseStartMs)
                + ": swelling "
                + n(before)
                + " % before the course, "
                + n(now)
                + " % now (a reduction by at least "
                + n(min)
                + " % of the excess was expected). Review the treatment plan (compression,"
                + " therapist-led decongestive therapy).";
    }

    static String noResponseResolved(double before, double now) {
        return "Resolved: swelling reduced from " + n(before) + " % to " + n(now) + " %.";
    }

    static String courseEnded(Duration window) {
        return "Resolved: no massage sessions reported for " + window.toDays() + " days.";
    }

    static String lDexQuality(double lDex, double threshold) {
        return "L-Dex "
                + n(lDex)
                + " is below "
                + n(threshold)
                + ": usually a measurement error (wrong side selected, lead placement). Please"
                + " repeat the measurement; no clinical alert is raised from it.";
    }

    static String lDexQualityResolved(double lDex) {
        return "Resolved: L-Dex back in range (" + n(lDex) + ").";
    }

    static String jump(String where, double volume, double reference, double pct, double max) {
        return "The "
                + where
                + " volume "
                + Math.round(volume)
                + " mL is "
                + n(pct)
                + " % away from the recent readings ("
                + Math.round(reference)
                + " mL; at most "
                + n(max)
                + " % is possible within days). Please repeat the measurement; the reading is"
                + " left out of the metrics.";
    }

    static String jumpResolved(String where) {
        return "Resolved: the " + where + " volume is plausible again.";
    }

    static String clock(String deviceId, long atMs) {
        return "Device "
                + deviceId
                + " sent a reading measured on "
                + date(atMs)
                + ", long before surgery: its clock is probably wrong. The reading is ignored;"
                + " please check the device's date and time.";
    }

    static String otherLimb(String deviceId, Limb sent, Limb monitored) {
        return "Device "
                + deviceId
                + " sent a "
                + sent
                + " reading, but this patient is monitored for the "
                + monitored
                + ": check the device assignment. The reading is ignored.";
    }

    static String deviceResolved(String deviceId) {
        return "Resolved: device " + deviceId + " sends plausible readings again.";
    }

    static String stale(long silentMs, int cadenceDays) {
        return "No readings for "
                + days(silentMs)
                + " days (expected every "
                + cadenceDays
                + (cadenceDays == 1 ? " day" : " days")
                + "). Please remind the patient or check the devices.";
    }

    static String staleResolved() {
        return "Resolved: readings arrive again.";
    }

    static String reopened(String readingId, String reason) {
        return "Re-opened: reading "
                + readingId
                + ", which arrived late, shows this had not ended. "
                + reason;
    }

    static String withdrawn(String readingId) {
        return "Withdrawn: reading "
                + readingId
                + " arrived late and, in event-time order, the condition no longer holds.";
    }

    static String resolvedByClinician(String by) {
        return "Resolved by clinician " + by + ".";
    }
}

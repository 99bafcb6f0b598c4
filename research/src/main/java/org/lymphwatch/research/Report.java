package org.lymphwatch.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.analytics.ThresholdsJson;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Json;

/**
 * report.html: one self-contained page (styles inline, plots as base64 PNG data URIs, no network
 * reference) with a section per question a researcher asks. Well-formed XML, so a test can parse
 * it.
 */
public final class Report {

    /** Section ids, in page order; {@code sweep} only for a sweep. */
    public static final List<String> SECTIONS =
            List.of(
                    "configuration",
                    "scores",
                    "delays",
                    "burden",
                    "flapping",
                    "lymphedema-subgroups",
                    "transient",
                    "timelines");

    private static final String STYLE =
            "body{font-family:sans-serif;max-width:62em;margin:2em auto;color:#222}"
                    + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
                    + "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}"
                    + "th:first-child,td:first-child{text-align:left}"
                    + "pre{background:#f4f4f4;padding:.6em;overflow:auto;font-size:85%}"
                    + "img{max-width:100%}";

    private final StringBuilder html = new StringBuilder();

    private Report() {}

    /**
     * @param examples example patients' timelines for the first run
     */
    public static String html(Evaluation e, List<Timeline> examples) {
        Report r = new Report();
        r.page(e, examples);
        return r.html.toString();
    }

    private void page(Evaluation e, List<Timeline> examples) {
        List<RunScore> runs = e.runs();
        raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>");
        raw("<meta charset=\"utf-8\"/>");
        tag("title", "lymphwatch alert evaluation");
        raw("<style>" + STYLE + "</style></head>\n<body>\n");
        tag("h1", "lymphwatch alert evaluation");
        para(
                String.format(
                        Locale.ROOT,
                        "%d run(s) scored against the simulator's ground truth; %d patients, %.1f"
                                + " patient-years. A case counts as detected when an alert of its"
                                + " type opens no later than %d days after the reference time"
                                + " (the day the true RVC reached 10 %% for LYMPHEDEMA); an"
                                + " opening within %d days of the same slot's resolution is a"
                                + " flap. Figures on a simulated cohort are not clinical"
                                + " validation.",
                        runs.size(),
                        runs.get(0).patients(),
                        runs.get(0).patientYears(),
                        e.horizon().toDays(),
                        e.flapWindow().toDays()));
        configuration(runs);
        scores(runs);
        delays(runs);
        burden(runs);
        flapping(runs);
        subgroups(runs);
        transients(runs);
        timelines(examples);
        if (e.sweep() != null) {
            sweep(e.sweep(), runs);
        }
        raw("</body>\n</html>\n");
    }

    private void configuration(List<RunScore> runs) {
        section("configuration", "Configuration that produced the alerts");
        Map<String, String> defaults = flatten(ThresholdsJson.write(Thresholds.DEFAULT));
        List<Map<String, String>> configs = new ArrayList<>();
        for (RunScore r : runs) {
            configs.add(r.configuration() == null ? null : flatten(r.configuration()));
        }
        List<String> changed = new ArrayList<>();
        for (String path : defaults.keySet()) {
            if (configs.stream()
                    .anyMatch(c -> c != null && !defaults.get(path).equals(c.get(path)))) {
                changed.add(path);
            }
        }
        if (changed.isEmpty()) {
            para("Every run with a known configuration used the default thresholds.");
        } else {
            para("Thresholds that differ from the defaults (docs/alert-rules.md):");
            List<String> headers = new ArrayList<>(List.of("threshold", "default"));
            runs.forEach(r -> headers.add(r.label()));
            table(headers);
            for (String path : changed) {
                List<String> cells = new ArrayList<>(List.of(path, defaults.get(path)));
                configs.forEach(c -> cells.add(c == null ? "unknown" : c.get(path)));
                row(cells.toArray(String[]::new));
            }
            raw("</table>\n");
        }
        for (RunScore r : runs) {
            if (r.configuration() == null) {
                para(
                        r.label()
                                + ": no thresholds.json next to the alert file, configuration unknown.");
            } else {
                raw("<details><summary>" + escape(r.label()) + ": every threshold</summary>");
                tag("pre", r.configuration());
                raw("</details>\n");
            }
        }
        end();
    }

    /** "group.field" to the value as written, in file order. */
    private static Map<String, String> flatten(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode root = Json.mapper().readTree(json);
            root.fields()
                    .forEachRemaining(
                            g ->
                                    g.getValue()
                                            .fields()
                                            .forEachRemaining(
                                                    f ->
                                                            out.put(
                                                                    g.getKey() + "." + f.getKey(),
                                                                    f.getValue().asText())));
        } catch (IOException e) {
            throw new IllegalArgumentException("configuration is not JSON", e);
        }
        return out;
    }

    private void scores(List<RunScore> runs) {
        section("scores", "Scores per alert type");
        para(
                "Sensitivity: cases detected within the horizon over cases. False alarms: opened"
                        + " episodes that overlap nothing in the ground truth, per patient-year."
                        + " PPV: episodes that do over all opened episodes. MEASUREMENT_QUALITY is"
                        + " counted, not scored (device faults are not in truth.jsonl).");
        table(
                List.of(
                        "run / type",
                        "cases",
                        "detected",
                        "sensitivity",
                        "alarms",
                        "false alarms",
                        "false / patient-year",
                        "PPV",
                        "median delay (d)",
                        "IQR (d)"));
        for (RunScore r : runs) {
            r.types()
                    .forEach(
                            (type, s) ->
                                    row(
                                            r.label() + " · " + type,
                                            s.scored() ? Integer.toString(s.cases()) : "–",
                                            s.scored() ? Integer.toString(s.detected()) : "–",
                                            num(s.sensitivity(), 3),
                                            Integer.toString(s.alarms()),
                                            s.scored() ? Integer.toString(s.falseAlarms()) : "–",
                                            num(s.falseAlarmsPerPatientYear(), 3),
                                            num(s.ppv(), 3),
                                            num(s.delays().median(), 1),
                                            num(s.delays().quantile(0.25), 1)
                                                    + " to "
                                                    + num(s.delays().quantile(0.75), 1)));
        }
        raw("</table>\n");
        end();
    }

    private void delays(List<RunScore> runs) {
        section("delays", "Detection delay");
        para(
                "Days from the reference time to the first detecting alert, negative when"
                        + " earlier. LYMPHEDEMA: the day the true RVC reached 10 %; SUBCLINICAL"
                        + " and WORSENING_TREND: the true onset (RVC 5 %); RAPID_RISE: the start of"
                        + " a cellulitis episode; NO_RESPONSE: 28 days into a massage course;"
                        + " STALE_DATA: when the silence allowance of a measurement gap ran out.");
        for (AlertType type : AlertType.values()) {
            if (runs.stream().anyMatch(r -> !r.types().get(type).delays().days().isEmpty())) {
                image(Charts.delayHistogram(type, runs), type + " detection delay histogram");
            }
        }
        end();
    }

    private void burden(List<RunScore> runs) {
        section("burden", "Alert burden");
        para(
                "What a clinician's inbox receives: every OPENED and REOPENED event, per 100"
                        + " patients per week of follow-up.");
        image(Charts.burden(runs), "alerts opened per 100 patients per week by type");
        table(List.of("run / type", "openings", "per 100 patients per week"));
        for (RunScore r : runs) {
            r.burden()
                    .forEach(
                            (type, b) ->
                                    row(
                                            r.label() + " · " + type,
                                            Integer.toString(b.openings()),
                                            num(b.perHundredPatientWeeks(), 3)));
        }
        raw("</table>\n");
        end();
    }

    private void flapping(List<RunScore> runs) {
        section("flapping", "Flapping");
        para(
                "An opening is a flap when the same slot (patient, type, limb, side; the same"
                        + " alertId reopened or a new one) had resolved less than the flap window"
                        + " before.");
        table(List.of("run / type", "openings", "flaps", "share", "most openings in one slot"));
        for (RunScore r : runs) {
            r.burden()
                    .forEach(
                            (type, b) ->
                                    row(
                                            r.label() + " · " + type,
                                            Integer.toString(b.openings()),
                                            Integer.toString(b.flaps()),
                                            num(b.flapShare(), 3),
                                            Integer.toString(b.mostOpeningsInOneSlot())));
        }
        raw("</table>\n");
        end();
    }

    private void subgroups(List<RunScore> runs) {
        section("lymphedema-subgroups", "LYMPHEDEMA detection by subgroup");
        para(
                "Cases split by time from surgery to the true RVC reaching 10 %, by whether a"
                        + " pre-operative baseline exists, by measuring cadence and by the devices"
                        + " the patient used.");
        image(Charts.subgroups(runs), "LYMPHEDEMA sensitivity by subgroup");
        table(List.of("run / subgroup", "cases", "detected", "sensitivity", "median delay (d)"));
        for (RunScore r : runs) {
            for (RunScore.Subgroup g : r.lymphedemaBySubgroup()) {
                row(
                        r.label() + " · " + g.dimension() + ": " + g.group(),
                        Integer.toString(g.cases()),
                        Integer.toString(g.detected()),
                        num(g.sensitivity(), 3),
                        num(g.delays().median(), 1));
            }
        }
        raw("</table>\n");
        end();
    }

    private void transients(List<RunScore> runs) {
        section("transient", "Transient swelling");
        para(
                "Patients whose mild swelling went away by itself. Handled well: no alert, or"
                        + " SUBCLINICAL / WORSENING_TREND alerts that resolved. Handled badly:"
                        + " LYMPHEDEMA opened.");
        table(
                List.of(
                        "run",
                        "patients",
                        "no alert",
                        "alerts resolved",
                        "alert still open",
                        "LYMPHEDEMA opened"));
        for (RunScore r : runs) {
            RunScore.TransientOutcome t = r.transients();
            row(
                    r.label(),
                    Integer.toString(t.patients()),
                    Integer.toString(t.noAlert()),
                    Integer.toString(t.resolved()),
                    Integer.toString(t.stillOpen()),
                    Integer.toString(t.lymphedemaOpened()));
        }
        raw("</table>\n");
        end();
    }

    private void timelines(List<Timeline> examples) {
        section("timelines", "Example patients");
        para(
                "Each evaluation's swelling metric (dots), its thresholds (dashed), the true onset"
                        + " and lymphedema dates (green), ground-truth episodes (shaded) and where"
                        + " alerts opened (red), from the first run.");
        if (examples.isEmpty()) {
            para("No metrics.jsonl next to the first alert file: no timelines.");
        }
        for (Timeline t : examples) {
            tag("h3", t.title());
            image(Charts.timeline(t), t.title());
        }
        end();
    }

    private void sweep(Evaluation.Sweep sweep, List<RunScore> runs) {
        section("sweep", "Sweep of " + sweep.parameter());
        Map<String, double[]> sensitivity = new LinkedHashMap<>();
        Map<String, double[]> falseAlarms = new LinkedHashMap<>();
        Map<String, double[]> burden = new LinkedHashMap<>();
        double[] total = new double[runs.size()];
        for (AlertType type : AlertType.values()) {
            double[] s = new double[runs.size()];
            double[] f = new double[runs.size()];
            double[] b = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                s[i] = runs.get(i).types().get(type).sensitivity();
                f[i] = runs.get(i).types().get(type).falseAlarmsPerPatientYear();
                b[i] = runs.get(i).burden().get(type).perHundredPatientWeeks();
                total[i] += Double.isNaN(b[i]) ? 0 : b[i];
            }
            if (runs.get(0).types().get(type).scored()) {
                sensitivity.put(type.name(), s);
                falseAlarms.put(type.name(), f);
            }
            burden.put(type.name(), b);
        }
        burden.put("all types", total);
        image(
                Charts.sweep(sweep.parameter(), "sensitivity", sensitivity, sweep.values()),
                "sensitivity against " + sweep.parameter());
        image(
                Charts.sweep(
                        sweep.parameter(),
                        "false alarms per patient-year",
                        falseAlarms,
                        sweep.values()),
                "false alarms against " + sweep.parameter());
        image(
                Charts.sweep(
                        sweep.parameter(),
                        "openings per 100 patients per week",
                        burden,
                        sweep.values()),
                "burden against " + sweep.parameter());
        end();
    }

    /**
     * Example patients for the timelines, from one run: the earliest-numbered LYMPHEDEMA case
     * detected, one missed, a transient course that opened LYMPHEDEMA (else any transient course),
     * and a patient without swelling who got a LYMPHEDEMA or SUBCLINICAL alert.
     *
     * @param metricsFile metrics.jsonl of the same run
     */
    public static List<Timeline> examples(
            Cohort cohort, RunScore run, List<Alert> alerts, Path metricsFile) throws IOException {
        if (!Files.isReadable(metricsFile)) {
            return List.of();
        }
        Map<String, List<Alert>> byPatient = new HashMap<>();
        alerts.forEach(
                a -> byPatient.computeIfAbsent(a.patientId(), k -> new ArrayList<>()).add(a));
        Map<String, String> chosen = new LinkedHashMap<>();
        run.lymphedemaCases().stream()
                .filter(CaseOutcome::detected)
                .map(o -> o.target().patientId())
                .sorted()
                .findFirst()
                .ifPresent(id -> chosen.putIfAbsent(id, "lymphedema, detected"));
        run.lymphedemaCases().stream()
                .filter(o -> !o.detected())
                .map(o -> o.target().patientId())
                .sorted()
                .findFirst()
                .ifPresent(id -> chosen.putIfAbsent(id, "lymphedema, missed within the horizon"));
        Set<String> transientIds = new TreeSet<>();
        Set<String> falseIds = new TreeSet<>();
        for (Truth t : cohort.scored()) {
            List<Alert> mine = byPatient.getOrDefault(t.patientId(), List.of());
            if (Truth.TRANSIENT.equals(t.course())) {
                transientIds.add(t.patientId());
            }
            if (Truth.NONE.equals(t.course())
                    && mine.stream()
                            .anyMatch(
                                    a ->
                                            a.state() == AlertState.OPENED
                                                    && (a.type() == AlertType.LYMPHEDEMA
                                                            || a.type()
                                                                    == AlertType.SUBCLINICAL))) {
                falseIds.add(t.patientId());
            }
        }
        transientIds.stream()
                .filter(
                        id ->
                                byPatient.getOrDefault(id, List.of()).stream()
                                        .anyMatch(a -> a.type() == AlertType.LYMPHEDEMA))
                .findFirst()
                .or(() -> transientIds.stream().findFirst())
                .ifPresent(id -> chosen.putIfAbsent(id, "transient swelling"));
        falseIds.stream()
                .findFirst()
                .ifPresent(id -> chosen.putIfAbsent(id, "no swelling, false alarm"));

        Thresholds thresholds =
                run.configuration() == null
                        ? Thresholds.DEFAULT
                        : ThresholdsJson.read(run.configuration());
        Map<String, List<Timeline.Point>> rvc = new HashMap<>();
        Map<String, List<Timeline.Point>> ilvd = new HashMap<>();
        CohortFiles.eachLine(
                metricsFile,
                (line, n) -> {
                    if (!chosen.containsKey(patientOf(line))) {
                        return;
                    }
                    JsonNode node = parse(line, metricsFile, n);
                    String id = node.get("patientId").asText();
                    OffsetDateTime at = OffsetDateTime.parse(node.get("at").asText());
                    if (node.has("rvcPct")) {
                        rvc.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Timeline.Point(at, node.get("rvcPct").asDouble()));
                    } else if (node.has("ilvdPct")) {
                        ilvd.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Timeline.Point(at, node.get("ilvdPct").asDouble()));
                    }
                });
        List<Timeline> timelines = new ArrayList<>();
        chosen.forEach(
                (id, why) -> {
                    Truth t = cohort.truths().get(id);
                    boolean hasRvc = rvc.containsKey(id);
                    Map<String, OffsetDateTime> marks = new LinkedHashMap<>();
                    if (t.onsetAt() != null) {
                        marks.put("onset", t.onsetAt());
                    }
                    if (t.lymphedemaAt() != null) {
                        marks.put("lymphedema", t.lymphedemaAt());
                    }
                    List<Timeline.Mark> opened =
                            byPatient.getOrDefault(id, List.of()).stream()
                                    .filter(
                                            a ->
                                                    a.state() == AlertState.OPENED
                                                            || a.state() == AlertState.REOPENED)
                                    .filter(a -> a.type() != AlertType.STALE_DATA)
                                    .map(a -> new Timeline.Mark(a.at(), a.type().name()))
                                    .toList();
                    List<Truth.Episode> episodes =
                            t.episodes().stream()
                                    .filter(
                                            e ->
                                                    !e.type().equals("DEVICE_OFFLINE")
                                                            && !e.type().equals("COMPRESSION"))
                                    .toList();
                    timelines.add(
                            new Timeline(
                                    id + ": " + why + " (" + t.course() + ")",
                                    hasRvc ? "RVC" : "ILVD",
                                    hasRvc ? rvc.get(id) : ilvd.getOrDefault(id, List.of()),
                                    hasRvc
                                            ? List.of(
                                                    thresholds.volume().rvcSubclinicalPct(),
                                                    thresholds.volume().rvcLymphedemaPct())
                                            : List.of(thresholds.volume().ilvdLymphedemaPct()),
                                    episodes,
                                    marks,
                                    opened));
                });
        return timelines;
    }

    /** The patientId of a metrics line without parsing all of it (most lines are skipped). */
    private static String patientOf(String line) {
        int i = line.indexOf("\"patientId\":\"");
        if (i < 0) {
            return "";
        }
        int from = i + 13;
        int to = line.indexOf('"', from);
        return to < 0 ? "" : line.substring(from, to);
    }

    private static JsonNode parse(String line, Path file, long n) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw BadFileException.atLine(file, n, "not valid JSON");
        }
    }

    private void section(String id, String title) {
        raw("<section id=\"" + id + "\">\n");
        tag("h2", title);
    }

    private void end() {
        raw("</section>\n");
    }

    private void para(String text) {
        tag("p", text);
    }

    private void image(String base64Png, String alt) {
        raw(
                "<p><img alt=\""
                        + escape(alt)
                        + "\" src=\"data:image/png;base64,"
                        + base64Png
                        + "\"/></p>\n");
    }

    private void table(List<String> headers) {
        raw("<table><tr>");
        headers.forEach(h -> tag("th", h));
        raw("</tr>\n");
    }

    private void row(String... cells) {
        raw("<tr>");
        for (String c : cells) {
            tag("td", c);
        }
        raw("</tr>\n");
    }

    private void tag(String name, String text) {
        raw("<" + name + ">" + escape(text) + "</" + name + ">");
        if (!name.equals("th") && !name.equals("td")) {
            raw("\n");
        }
    }

    private void raw(String s) {
        html.append(s);
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

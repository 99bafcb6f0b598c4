package org.lymphwatch.research;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lymphwatch.model.Alert;

/**
 * {@code evaluate} over files: scores each alert file against DIR's cohort and writes
 * REPORT/summary.json and REPORT/report.html. Next to each alert file, thresholds.json (the
 * configuration of the run) and metrics.jsonl (for the example timelines) are used when present.
 */
public final class EvaluationFiles {

    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";
    public static final String THRESHOLDS = "thresholds.json";
    public static final String METRICS = "metrics.jsonl";

    private EvaluationFiles() {}

    /**
     * @param labels how the report names each run; null to name them by their directories
     * @param sweep null unless the alert files come from a sweep, one value per file
     * @return the evaluation written
     */
    public static Evaluation evaluate(
            Path cohortDir,
            List<Path> alertFiles,
            List<String> labels,
            Scoring scoring,
            Evaluation.Sweep sweep,
            Path out)
            throws IOException {
        Cohort cohort = CohortFiles.read(cohortDir);
        List<String> names = labels != null ? labels : labels(alertFiles);
        List<RunScore> runs = new ArrayList<>();
        List<Timeline> examples = List.of();
        for (int i = 0; i < alertFiles.size(); i++) {
            Path file = alertFiles.get(i);
            List<Alert> alerts = CohortFiles.alerts(file);
            Path dir = file.toAbsolutePath().getParent();
            Path config = dir.resolve(THRESHOLDS);
            String configuration =
                    Files.isReadable(config)
                            ? Files.readString(config, StandardCharsets.UTF_8)
                            : null;
            RunScore run = scoring.score(names.get(i), configuration, cohort, alerts);
            runs.add(run);
            if (i == 0) {
                examples = Report.examples(cohort, run, alerts, dir.resolve(METRICS));
            }
        }
        Evaluation e = new Evaluation(scoring.horizon(), scoring.flapWindow(), runs, sweep);
        Files.createDirectories(out);
        Files.writeString(out.resolve(SUMMARY), SummaryJson.write(e), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(REPORT), Report.html(e, examples), StandardCharsets.UTF_8);
        return e;
    }

    /** Each file's directory name; the full path where two directories share a name. */
    private static List<String> labels(List<Path> files) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean clash = false;
        for (Path f : files) {
            Path parent = f.toAbsolutePath().getParent();
            String name =
                    parent.getFileName() == null ? f.toString() : parent.getFileName().toString();
            clash |= !seen.add(name);
            names.add(name);
        }
        if (clash) {
            return files.stream().map(Path::toString).toList();
        }
        return names;
    }
}

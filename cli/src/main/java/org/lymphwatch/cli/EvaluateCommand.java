package org.lymphwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.research.BadFileException;
import org.lymphwatch.research.Evaluation;
import org.lymphwatch.research.EvaluationFiles;
import org.lymphwatch.research.RunScore;
import org.lymphwatch.research.Scoring;
import org.lymphwatch.research.TypeScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores alert files against the simulator's ground truth: summary.json and report.html. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score alerts against DIR/truth.jsonl and write REPORT/summary.json and a"
                    + " self-contained REPORT/report.html (plots embedded, opens offline).",
            "Several --alerts files are compared side by side; thresholds.json and metrics.jsonl"
                    + " next to an alert file (as analyze writes them) give the configuration and"
                    + " the example timelines."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--in",
            required = true,
            paramLabel = "DIR",
            description = "cohort directory with patients.jsonl, readings.jsonl and truth.jsonl")
    Path in;

    @Option(
            names = "--alerts",
            required = true,
            paramLabel = "FILE",
            description = "alerts.jsonl to score; repeat to compare runs")
    List<Path> alerts;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "REPORT",
            description = "directory to write summary.json and report.html to")
    Path out;

    @Option(
            names = "--horizon-days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description =
                    "a case is detected only by an alert no later than this after its reference"
                            + " time (LYMPHEDEMA: the day the true RVC reached 10 %%); default"
                            + " ${DEFAULT-VALUE}")
    int horizonDays;

    @Override
    public Integer call() throws IOException {
        if (horizonDays < 0) {
            throw new BadInputException("--horizon-days must not be negative");
        }
        Scoring scoring = new Scoring(Duration.ofDays(horizonDays), Scoring.DEFAULT_FLAP_WINDOW);
        Evaluation e = evaluate(in, alerts, null, scoring, null, out);
        print(spec, e, out);
        return 0;
    }

    /** Runs the evaluation, turning bad input files into one-line errors. */
    static Evaluation evaluate(
            Path in,
            List<Path> alerts,
            List<String> labels,
            Scoring scoring,
            Evaluation.Sweep sweep,
            Path out)
            throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": --out must be a directory");
        }
        try {
            return EvaluationFiles.evaluate(in, alerts, labels, scoring, sweep, out);
        } catch (BadFileException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** One line per run with the LYMPHEDEMA score and the burden, then where the report is. */
    static void print(CommandSpec spec, Evaluation e, Path out) {
        var w = spec.commandLine().getOut();
        for (RunScore r : e.runs()) {
            TypeScore l = r.types().get(AlertType.LYMPHEDEMA);
            double openings =
                    r.burden().values().stream()
                            .mapToDouble(b -> b.perHundredPatientWeeks())
                            .filter(v -> !Double.isNaN(v))
                            .sum();
            w.printf(
                    Locale.ROOT,
                    "%s: %d patients, %.1f patient-years; LYMPHEDEMA sensitivity %.3f (%d of %d"
                            + " within %d days), %.3f false alarms per patient-year, median delay"
                            + " %.1f days; %.2f alerts opened per 100 patients per week%n",
                    r.label(),
                    r.patients(),
                    r.patientYears(),
                    l.sensitivity(),
                    l.detected(),
                    l.cases(),
                    e.horizon().toDays(),
                    l.falseAlarmsPerPatientYear(),
                    l.delays().median(),
                    openings);
        }
        w.printf(
                "wrote %s, %s%n",
                out.resolve(EvaluationFiles.SUMMARY), out.resolve(EvaluationFiles.REPORT));
    }
}

package org.lymphwatch.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.analytics.ThresholdsJson;
import org.lymphwatch.research.Evaluation;
import org.lymphwatch.research.Scoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Analyses one cohort once per value of a threshold and evaluates the runs side by side. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run analyze over DIR once per value of one threshold (REPORT/runs/NAME=VALUE/) and"
                    + " evaluate the runs side by side: REPORT/summary.json and REPORT/report.html"
                    + " with sensitivity, false-alarm and burden curves against the value.",
            "NAME is group.field of thresholds.json (e.g. trend.alertSlopePctPerWeek,"
                    + " volume.rvcLymphedemaPct); durations are given in days."
        })
final class SweepCommand implements Callable<Integer> {

    private static final Pattern RANGE =
            Pattern.compile(
                    "([A-Za-z]+\\.[A-Za-z0-9]+)=([-+0-9.eE]+)\\.\\.([-+0-9.eE]+):([-+0-9.eE]+)");
    private static final int MAX_RUNS = 50;

    @Spec CommandSpec spec;

    @Option(
            names = "--in",
            required = true,
            paramLabel = "DIR",
            description = "cohort directory with patients.jsonl, readings.jsonl and truth.jsonl")
    Path in;

    @Option(
            names = "--param",
            required = true,
            paramLabel = "NAME=FROM..TO:STEP",
            description =
                    "the threshold to sweep and its values, e.g. trend.alertP=0.0005..0.002:0.0005")
    String param;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "REPORT",
            description = "directory for the runs, summary.json and report.html")
    Path out;

    @Option(
            names = "--thresholds",
            paramLabel = "FILE",
            description = "thresholds the swept one is changed in; default: the defaults")
    Path thresholdsFile;

    @Option(
            names = "--horizon-days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description = "detection horizon, as for evaluate; default ${DEFAULT-VALUE}")
    int horizonDays;

    @Override
    public Integer call() throws IOException {
        Matcher m = RANGE.matcher(param);
        if (!m.matches()) {
            throw new BadInputException(
                    "--param "
                            + param
                            + ": expected NAME=FROM..TO:STEP, e.g. trend.alertP=0.0005..0.002:0.0005");
        }
        String name = m.group(1);
        List<BigDecimal> values = values(m.group(2), m.group(3), m.group(4));
        Thresholds base = AnalyzeCommand.thresholds(thresholdsFile);
        List<Path> alerts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        var w = spec.commandLine().getOut();
        for (BigDecimal v : values) {
            Thresholds t;
            try {
                t = ThresholdsJson.with(base, name, v.doubleValue());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--param " + e.getMessage());
            }
            String label = name + "=" + v.toPlainString();
            Path run = out.resolve("runs").resolve(label);
            long started = System.nanoTime();
            AnalyzeCommand.run(in, run, t, null);
            w.printf("analysed %s in %.1f s%n", label, (System.nanoTime() - started) / 1e9);
            alerts.add(run.resolve(AnalyzeCommand.ALERTS));
            labels.add(label);
        }
        Scoring scoring = new Scoring(Duration.ofDays(horizonDays), Scoring.DEFAULT_FLAP_WINDOW);
        Evaluation e =
                EvaluateCommand.evaluate(
                        in,
                        alerts,
                        labels,
                        scoring,
                        new Evaluation.Sweep(
                                name, values.stream().map(BigDecimal::doubleValue).toList()),
                        out);
        EvaluateCommand.print(spec, e, out);
        return 0;
    }

    /** FROM, FROM+STEP, ... up to TO, in exact decimals so 0.1 steps do not drift. */
    private static List<BigDecimal> values(String from, String to, String step) {
        BigDecimal a;
        BigDecimal b;
        BigDecimal s;
        try {
            a = new BigDecimal(from);
            b = new BigDecimal(to);
            s = new BigDecimal(step);
        } catch (NumberFormatException e) {
            throw new BadInputException("--param: FROM, TO and STEP must be numbers");
        }
        if (s.signum() <= 0 || b.compareTo(a) < 0) {
            throw new BadInputException("--param: STEP must be positive and TO at least FROM");
        }
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v = a; v.compareTo(b) <= 0; v = v.add(s)) {
            values.add(v);
            if (values.size() > MAX_RUNS) {
                throw new BadInputException("--param: more than " + MAX_RUNS + " values");
            }
        }
        return values;
    }
}

package org.lymphwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.StatusLevel;
import org.lymphwatch.simulators.CohortConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-command demo: the whole pipeline in this JVM, a simulated cohort streamed through it
 * faster than real time, a live progress line, and a triage summary at the end.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start the embedded stack (Kafka broker, the monitoring job on a Flink MiniCluster,"
                    + " QuestDB, the device gateway, the clinicians' web app), let simulated devices"
                    + " post a cohort through the gateway at an accelerated pace, show progress,"
                    + " and end with a triage summary. Ctrl-C stops everything cleanly.",
            "The job's log goes to a file whose path is printed (--verbose: also to the terminal)."
        })
final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--patients", defaultValue = "200", description = "default ${DEFAULT-VALUE}")
    int patients;

    @Option(names = "--days", defaultValue = "365", description = "default ${DEFAULT-VALUE}")
    int days;

    @Option(
            names = "--speed",
            paramLabel = "X",
            description =
                    "simulated seconds per real second (default: the whole period in about three"
                            + " minutes)")
    Double speed;

    @Option(names = "--seed", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--duration",
            paramLabel = "T",
            description = "stop after this long (ISO-8601, e.g. PT2M) even if not done")
    Duration duration;

    @Option(names = "--verbose", description = "log to the terminal too")
    boolean verbose;

    /** Three minutes for the whole period unless --speed says otherwise. */
    static final Duration DEFAULT_RUN = Duration.ofMinutes(3);

    @Override
    public Integer call() throws Exception {
        if (patients < 1 || days < 1) {
            throw new BadInputException("--patients and --days must be at least 1");
        }
        double pace = speed != null ? speed : days * 86_400.0 / DEFAULT_RUN.toSeconds();
        if (!(pace > 0) || Double.isInfinite(pace)) {
            throw new BadInputException("--speed must be a positive number");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path log = logToFile(verbose);
        out.printf(
                "lymphwatch demo: %d patients, %d days, %.0fx real time; log: %s%n",
                patients, days, pace, log);
        out.flush();
        CohortConfig cohort = CohortConfig.of(patients, days, seed);
        Instant deadline = duration == null ? null : Instant.now().plus(duration);
        try (Demo demo = Demo.start(cohort, pace)) {
            Thread hook = new Thread(demo::close, "demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf(
                    "lymphwatch demo: Kafka at %s; QuestDB console %s (SQL: SELECT * FROM"
                            + " patient_status LATEST ON timestamp PARTITION BY patient), PG wire"
                            + " %s user admin password quest%n",
                    demo.stack().kafka.bootstrapServers(),
                    demo.stack().store.influxUrl(),
                    demo.stack().store.jdbcUrl());
            out.flush();
            out.printf(
                    "lymphwatch demo: clinicians' web app at %s (login %s, password %s)%n",
                    demo.webUrl(), Demo.CLINICIAN, demo.clinicianPassword());
            out.printf(
                    "lymphwatch demo: device gateway at %s: %d simulated devices post to"
                            + " /v1/readings, each with its own token%n",
                    demo.gatewayUrl(), demo.devices());
            out.printf(
                    "lymphwatch demo: patient %s's app: curl -H 'Authorization: Bearer %s'"
                            + " %s/v1/me/status%n",
                    demo.patient(), demo.patientToken(), demo.gatewayUrl());
            out.flush();
            run(demo, out, deadline);
            out.println();
            summary(demo.statuses(), demo.progress().simulated(), out);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        out.println("lymphwatch demo: stopped; nothing left running.");
        out.flush();
        return 0;
    }

    /** Until every reading is processed (and a checkpoint committed its results), or the end. */
    private static void run(Demo demo, PrintWriter out, Instant deadline) throws Exception {
        int caughtUpChecks = 0;
        while (deadline == null || Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            Demo.Progress p = demo.progress();
            out.printf("\r%s", line(p));
            out.flush();
            caughtUpChecks = demo.caughtUp() ? caughtUpChecks + 1 : 0;
            // Two more seconds after catching up: the checkpoint that commits the last outputs.
            if (caughtUpChecks > 3) {
                return;
            }
        }
    }

    static String line(Demo.Progress p) {
        String open =
                p.openByType().isEmpty()
                        ? "none"
                        : p.openByType().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", "));
        return String.format(
                "%s  devices sent %d, gateway stored %d, processed %d (%.0f/s), rejected %d;"
                        + " open alerts: %s   ",
                p.simulated() == null
                        ? "starting"
                        : p.simulated().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                p.sent(),
                p.stored(),
                p.processed(),
                p.readingsPerSecond(),
                p.rejected(),
                open);
    }

    /**
     * Patients by level, then the ones needing attention, most urgent and fastest-rising first: the
     * same figures as the triage board and the Grafana triage dashboard.
     */
    static void summary(Map<String, PatientStatus> statuses, Instant now, PrintWriter out) {
        Map<StatusLevel, Integer> byLevel = new EnumMap<>(StatusLevel.class);
        statuses.values().forEach(s -> byLevel.merge(s.level(), 1, Integer::sum));
        out.printf(
                "Triage of %d patients: %s%n",
                statuses.size(),
                byLevel.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        List<PatientStatus> attention = new ArrayList<>();
        statuses.values().stream().filter(s -> s.level() != StatusLevel.OK).forEach(attention::add);
        attention.sort(
                Comparator.comparing(PatientStatus::level)
                        .thenComparing(
                                s ->
                                        s.trendSlopePctPerWeek() == null
                                                ? 0
                                                : -s.trendSlopePctPerWeek()));
        out.printf(
                "%-10s %-11s %7s %7s %7s %22s %9s  %s%n",
                "patient",
                "level",
                "RVC %",
                "ILVD %",
                "L-Dex Δ",
                "trend %/wk (95% CI)",
                "last (h)",
                "open alerts");
        for (PatientStatus s : attention) {
            out.printf(
                    "%-10s %-11s %7s %7s %7s %22s %9s  %s%n",
                    s.patientId(),
                    s.level(),
                    n(s.rvcPct()),
                    n(s.ilvdPct()),
                    n(s.lDexDelta()),
                    s.trendSlopePctPerWeek() == null
                            ? "-"
                            : String.format(
                                    "%+.2f (%+.2f..%+.2f)",
                                    s.trendSlopePctPerWeek(),
                                    s.trendCiLowPctPerWeek(),
                                    s.trendCiHighPctPerWeek()),
                    s.lastReadingAt() == null || now == null
                            ? "-"
                            : Long.toString(
                                    Duration.between(s.lastReadingAt().toInstant(), now).toHours()),
                    s.openAlerts().stream()
                            .map(DemoCommand::describe)
                            .collect(Collectors.joining("; ")));
        }
        out.flush();
    }

    private static String describe(OpenAlert a) {
        return a.alert().type()
                + (a.alert().side() == null ? "" : " " + a.alert().side())
                + (a.acknowledged() ? " (ack)" : "");
    }

    private static String n(Double v) {
        return v == null ? "-" : String.format("%.1f", v);
    }

    /** Everything (Flink, Kafka, QuestDB, the job) to a file; the terminal keeps the progress. */
    private static Path logToFile(boolean alsoTerminal) throws IOException {
        Path log = Files.createTempFile("lymphwatch-demo-", ".log");
        ConfigurationBuilder<BuiltConfiguration> b =
                ConfigurationBuilderFactory.newConfigurationBuilder();
        b.add(
                b.newAppender("file", "File")
                        .addAttribute("fileName", log.toString())
                        .add(
                                b.newLayout("PatternLayout")
                                        .addAttribute(
                                                "pattern",
                                                "%d{HH:mm:ss} %-5level %c{1} - %msg%n")));
        var root = b.newRootLogger(Level.WARN).add(b.newAppenderRef("file"));
        if (alsoTerminal) {
            b.add(
                    b.newAppender("stderr", "Console")
                            .addAttribute("target", "SYSTEM_ERR")
                            .add(
                                    b.newLayout("PatternLayout")
                                            .addAttribute(
                                                    "pattern",
                                                    "%d{HH:mm:ss} %-5level %c{1} - %msg%n")));
            root.add(b.newAppenderRef("stderr"));
        }
        b.add(root);
        b.add(b.newLogger("org.lymphwatch", Level.INFO));
        Configurator.reconfigure(b.build());
        return log;
    }
}

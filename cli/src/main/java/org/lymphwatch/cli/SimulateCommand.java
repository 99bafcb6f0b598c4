package org.lymphwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.lymphwatch.gateway.TokenStore;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortPreset;
import org.lymphwatch.simulators.CohortWriter;
import org.lymphwatch.simulators.FaultRates;
import org.lymphwatch.simulators.GatewayPublisher;
import org.lymphwatch.simulators.KafkaPublisher;
import org.lymphwatch.simulators.Population;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates a seeded virtual cohort to files and/or publishes it to Kafka (docs/simulator.md). */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulate a cohort of patients with home devices, faults included, and its ground truth.",
            "--out DIR writes DIR/patients.jsonl, DIR/readings.jsonl (arrival order) and"
                    + " DIR/truth.jsonl; --kafka publishes patients, then readings; --gateway"
                    + " posts the readings through the gateway as the devices would. The same"
                    + " arguments always give the same bytes. The model: docs/simulator.md."
        })
final class SimulateCommand implements Callable<Integer> {

    private static final Pattern HOST_PORT = Pattern.compile("[^:\\s]+:\\d{1,5}");

    @Spec CommandSpec spec;

    @Option(names = "--patients", description = "number of patients (default: ${DEFAULT-VALUE})")
    int patients = 100;

    @Option(
            names = "--days",
            description = "follow-up days per patient from surgery (default: ${DEFAULT-VALUE})")
    int days = 365;

    @Option(names = "--seed", description = "cohort seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "directory to write the files to")
    Path out;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description =
                    "a harder cohort: ${COMPLETION-CANDIDATES} (docs/simulator.md); it overrides"
                            + " the options it is about (default: ${DEFAULT-VALUE})")
    CohortPreset preset = CohortPreset.DEFAULT;

    @Option(
            names = "--start",
            paramLabel = "DATE",
            description = "first surgery date, YYYY-MM-DD (default: ${DEFAULT-VALUE})")
    LocalDate start = CohortConfig.DEFAULT_START;

    @Option(
            names = "--enrolment-days",
            description = "surgeries spread over this many days (default: ${DEFAULT-VALUE})")
    int enrolmentDays = CohortConfig.DEFAULT_ENROLMENT_DAYS;

    @Option(
            names = "--incidence",
            description =
                    "fraction reaching RVC 10%% within 2 years, at most "
                            + CohortConfig.MAX_INCIDENCE
                            + " (default: ${DEFAULT-VALUE})")
    double incidence = CohortConfig.DEFAULT_INCIDENCE;

    @Option(
            names = "--missing-baseline",
            description = "fraction without a pre-operative baseline (default: ${DEFAULT-VALUE})")
    double missingBaseline = CohortConfig.DEFAULT_MISSING_BASELINE;

    @Option(
            names = "--daily-cadence",
            description = "fraction measuring daily, the rest weekly (default: ${DEFAULT-VALUE})")
    double dailyCadence = CohortConfig.DEFAULT_DAILY_CADENCE;

    @Option(names = "--no-faults", description = "default every fault rate to 0")
    boolean noFaults;

    @Option(
            names = "--duplicate-rate",
            description =
                    "per message: delivered twice (default: " + FaultRates.DEFAULT_DUPLICATE + ")")
    Double duplicate;

    @Option(
            names = "--offline-rate",
            description =
                    "per patient-day: devices go offline for 2-14 days, then backfill"
                            + " (default: "
                            + FaultRates.DEFAULT_OFFLINE
                            + ")")
    Double offline;

    @Option(
            names = "--clock-skew-rate",
            description =
                    "per session: device clock 20 min to 6 h off (default: "
                            + FaultRates.DEFAULT_CLOCK_SKEW
                            + ")")
    Double clockSkew;

    @Option(
            names = "--time-zone-rate",
            description =
                    "per session: wrong UTC offset, DST missed (default: "
                            + FaultRates.DEFAULT_TIME_ZONE
                            + ")")
    Double timeZone;

    @Option(
            names = "--wrong-side-rate",
            description =
                    "per volume session: arms labelled the wrong way (default: "
                            + FaultRates.DEFAULT_WRONG_SIDE
                            + ")")
    Double wrongSide;

    @Option(
            names = "--lead-error-rate",
            description =
                    "per bioimpedance session: L-Dex below -10 (default: "
                            + FaultRates.DEFAULT_LEAD_ERROR
                            + ")")
    Double leadError;

    @Option(
            names = "--malformed-rate",
            description =
                    "per message: truncated, NaN, negative or unknown kind (default: "
                            + FaultRates.DEFAULT_MALFORMED
                            + ")")
    Double malformed;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "publish to this Kafka broker (topics patients, readings)")
    String kafka;

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description =
                    "with --kafka: Kafka client settings (properties), e.g. security.protocol,"
                            + " sasl.mechanism, sasl.jaas.config, ssl.truststore.location;"
                            + " secrets through ${env:VAR} with config.providers=env")
    Path kafkaConfig;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description =
                    "post the readings through this lymphwatch gateway as the devices would"
                            + " (needs --tokens; with --kafka too, patients go to Kafka)")
    URI gateway;

    @Option(
            names = "--tokens",
            paramLabel = "FILE",
            description =
                    "with --gateway: the gateway's token store; every simulated device is"
                            + " enrolled into it first, its token kept in memory only")
    Path tokens;

    @Option(
            names = "--lost-answer-rate",
            description =
                    "with --gateway, per answer: the device loses it and sends again"
                            + " (default: ${DEFAULT-VALUE})")
    double lostAnswerRate = LOST_ANSWER_RATE;

    /** Per answer, a simulated device loses it and posts the batch again (the demo's too). */
    static final double LOST_ANSWER_RATE = 0.01;

    @Option(
            names = "--devices-concurrent",
            description =
                    "with --gateway: devices posting at the same time (default: ${DEFAULT-VALUE})")
    int concurrentDevices = 8;

    @Option(
            names = "--speed",
            paramLabel = "X",
            description =
                    "with --kafka: X simulated seconds per real second, record time = simulated"
                            + " arrival; without: as fast as possible, record time = now")
    Double speed;

    @Override
    public Integer call() throws Exception {
        CohortConfig config = config();
        if (out == null && kafka == null && gateway == null) {
            throw new BadInputException(
                    "say where the cohort goes: --out DIR, --kafka and/or --gateway");
        }
        if (kafkaConfig != null && kafka == null) {
            throw new BadInputException("--kafka-config needs --kafka");
        }
        if ((gateway == null) != (tokens == null)) {
            throw new BadInputException("--gateway and --tokens go together");
        }
        if (!(lostAnswerRate >= 0 && lostAnswerRate < 1) || concurrentDevices < 1) {
            throw new BadInputException(
                    "--lost-answer-rate must be in [0, 1) and --devices-concurrent positive");
        }
        if (kafka != null && !HOST_PORT.matcher(kafka).matches()) {
            throw new BadInputException("--kafka must be HOST:PORT, was " + kafka);
        }
        if (speed != null
                && ((kafka == null && gateway == null) || !(speed > 0) || speed.isInfinite())) {
            throw new BadInputException("--speed needs --kafka or --gateway and a positive number");
        }
        if (out != null) {
            write(config);
        }
        if (gateway != null) {
            return postThroughGateway(config);
        }
        if (kafka != null) {
            return publish(config);
        }
        return 0;
    }

    private CohortConfig config() {
        FaultRates defaults = noFaults ? FaultRates.NONE : FaultRates.DEFAULT;
        try {
            FaultRates faults =
                    new FaultRates(
                            or(duplicate, defaults.duplicate()),
                            or(offline, defaults.offline()),
                            or(clockSkew, defaults.clockSkew()),
                            or(timeZone, defaults.timeZone()),
                            or(wrongSide, defaults.wrongSide()),
                            or(leadError, defaults.leadError()),
                            or(malformed, defaults.malformed()));
            return new CohortConfig(
                            patients,
                            days,
                            seed,
                            start,
                            enrolmentDays,
                            incidence,
                            missingBaseline,
                            dailyCadence,
                            faults,
                            Population.DEFAULT)
                    .apply(preset);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /**
     * How far through the simulated period this arrival time is; the last message usually arrives a
     * little before the period ends, so the final line says 100 itself.
     */
    private static long percent(CohortConfig config, Instant simulated) {
        if (simulated == null) {
            return 0;
        }
        Instant from = config.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = config.end().atStartOfDay(ZoneOffset.UTC).toInstant();
        long done = 100 * Duration.between(from, simulated).toSeconds();
        return Math.max(0, Math.min(100, done / Duration.between(from, to).toSeconds()));
    }

    /** Rewrites one line of {@code err} as messages go out. */
    private static KafkaPublisher.Progress progressLine(
            PrintWriter err, CohortConfig config, String counted) {
        return (messages, simulated, done) -> {
            err.printf(
                    "\r" + counted + ", simulated time %s (%d%%)",
                    messages,
                    simulated == null ? "-" : simulated,
                    done ? 100 : percent(config, simulated));
            err.flush();
        };
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    private void write(CohortConfig config) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": --out must be a directory");
        }
        long started = System.nanoTime();
        long messages;
        try {
            messages = CohortWriter.write(CohortGenerator.stream(config), out);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(e.getFile() + ": is in the way of --out");
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote %d patients and %d readings to %s in %.1f s%n",
                        config.patients(), messages, out, (System.nanoTime() - started) / 1e9);
    }

    private Map<String, String> kafkaSettings() {
        if (kafkaConfig == null) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(kafkaConfig, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new BadInputException(kafkaConfig + ": cannot read the Kafka settings");
        }
        Map<String, String> settings = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).strip()));
        return settings;
    }

    private int postThroughGateway(CohortConfig config) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (kafka != null) {
            try (KafkaPublisher publisher = new KafkaPublisher(kafka, kafkaSettings())) {
                publisher.publishPatients(CohortGenerator.stream(config));
            } catch (IllegalStateException e) {
                err.println("lymphwatch: " + e.getMessage());
                return 1;
            }
        }
        Map<String, String> tokenOfDevice;
        try {
            tokenOfDevice =
                    TokenStore.enrolDevices(
                            tokens, GatewayPublisher.devices(CohortGenerator.stream(config)));
        } catch (UncheckedIOException e) {
            throw new BadInputException(tokens + ": cannot enrol the devices: " + e.getMessage());
        }
        GatewayPublisher.Report report;
        try {
            report =
                    new GatewayPublisher(
                                    gateway,
                                    tokenOfDevice,
                                    new GatewayPublisher.Options(
                                            concurrentDevices,
                                            lostAnswerRate,
                                            GatewayPublisher.Options.DEFAULT.maxBatch(),
                                            GatewayPublisher.Options.DEFAULT.maxBackoff(),
                                            config.seed()))
                            .publish(
                                    CohortGenerator.stream(config),
                                    speed == null ? 0 : speed,
                                    progressLine(err, config, "posted %d messages"));
        } catch (IllegalStateException e) {
            return gaveUp(err, e);
        }
        err.println();
        spec.commandLine()
                .getOut()
                .printf(
                        "%d devices posted to %s in %d requests: %d readings stored (%d"
                                + " answers accepted, %d duplicate), %d rejected, %d requests"
                                + " refused, %d retries, %d answers lost and re-sent%n",
                        tokenOfDevice.size(),
                        gateway,
                        report.requests(),
                        report.stored().size(),
                        report.accepted(),
                        report.duplicate(),
                        report.rejected(),
                        report.refused(),
                        report.retries(),
                        report.lostAnswers());
        return 0;
    }

    /** A publisher that gave up: its reason on a line of its own after the progress line. */
    private static int gaveUp(PrintWriter err, IllegalStateException e) {
        err.println();
        err.println("lymphwatch: " + e.getMessage());
        return 1;
    }

    private int publish(CohortConfig config) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (config.end().atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(Instant.now())) {
            // Fast, records are stamped now, so the validator sees future readings; paced, they
            // carry their future arrival time, which Kafka 4 brokers refuse more than an hour
            // ahead (log.message.timestamp.after.max.ms).
            err.println(
                    "lymphwatch: warning: the cohort runs until "
                            + config.end()
                            + (speed == null
                                    ? "; readings measured after now will be rejected as"
                                            + " FUTURE_TIME"
                                    : "; the broker may refuse records stamped more than an hour"
                                            + " from now")
                            + " (choose an earlier --start)");
        }
        long published;
        try (KafkaPublisher publisher = new KafkaPublisher(kafka, kafkaSettings())) {
            published =
                    publisher.publish(
                            CohortGenerator.stream(config),
                            speed == null ? 0 : speed,
                            progressLine(err, config, "published %d readings"));
        } catch (IllegalStateException e) {
            return gaveUp(err, e);
        }
        err.println();
        spec.commandLine()
                .getOut()
                .printf(
                        "published %d patients and %d readings to %s%n",
                        config.patients(), published, kafka);
        return 0;
    }
}

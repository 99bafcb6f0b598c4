package org.lymphwatch.jobs;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every setting of the monitoring job. Loaded from a properties file; each key can be overridden by
 * an environment variable named {@code LYMPHWATCH_} + the key in upper case with dots as
 * underscores (e.g. {@code LYMPHWATCH_KAFKA_BOOTSTRAP}), which is how containers configure it. The
 * InfluxDB token comes only from {@code LYMPHWATCH_INFLUX_TOKEN} or a file named by {@code
 * influx.tokenFile}, never from the properties themselves; {@link #describe()} lists every setting
 * with secrets masked. {@link #KEYS} documents each key.
 *
 * @param kafkaClient extra Kafka client properties ({@code kafka.client.*} keys, e.g. {@code
 *     kafka.client.security.protocol}) for every consumer and producer of the job
 */
public record JobConfig(
        String kafkaBootstrap,
        Topics topics,
        String consumerGroup,
        String transactionalIdPrefix,
        String influxUrl,
        String influxOrg,
        String influxBucket,
        String influxToken,
        Duration checkpointInterval,
        boolean bounded,
        Duration storeMaxOutage,
        Duration restartInitialDelay,
        Duration restartMaxDelay,
        String stateBackend,
        String checkpointDirectory,
        Duration waitForPatient,
        int maxWaitingReadings,
        Duration sourceIdleness,
        Duration statusInterval,
        Duration routineStatusInterval,
        String thresholdsFile,
        Map<String, String> kafkaClient)
        implements Serializable {

    public static final String TOKEN_ENV = "LYMPHWATCH_INFLUX_TOKEN";
    public static final String ENV_PREFIX = "LYMPHWATCH_";

    /** The Kafka topics the job reads and writes. */
    public record Topics(
            String readings,
            String rejected,
            String patients,
            String alerts,
            String status,
            String actions)
            implements Serializable {

        public static final Topics DEFAULT =
                new Topics(
                        "readings",
                        "readings-rejected",
                        "patients",
                        "alerts",
                        "patient-status",
                        "alert-actions");

        /** The same topic names with a prefix, e.g. to keep tests apart on one broker. */
        public Topics prefixed(String prefix) {
            return new Topics(
                    prefix + readings,
                    prefix + rejected,
                    prefix + patients,
                    prefix + alerts,
                    prefix + status,
                    prefix + actions);
        }
    }

    /** Every key with its meaning and default (null: required or unset). */
    public static final Map<String, String[]> KEYS = keys();

    private static Map<String, String[]> keys() {
        Map<String, String[]> k = new LinkedHashMap<>();
        k.put("kafka.bootstrap", new String[] {null, "Kafka bootstrap servers (required)"});
        k.put("influx.url", new String[] {null, "InfluxDB 2 base URL (required)"});
        k.put("influx.org", new String[] {"lymphwatch", "InfluxDB organisation"});
        k.put("influx.bucket", new String[] {"lymphwatch", "InfluxDB bucket"});
        k.put("influx.tokenFile", new String[] {null, "file holding the InfluxDB token"});
        k.put("topic.readings", new String[] {"readings", "readings in"});
        k.put("topic.rejected", new String[] {"readings-rejected", "dead letters out"});
        k.put("topic.patients", new String[] {"patients", "patient registry in (compacted)"});
        k.put("topic.alerts", new String[] {"alerts", "alert events out"});
        k.put("topic.status", new String[] {"patient-status", "patient status out (compacted)"});
        k.put("topic.actions", new String[] {"alert-actions", "clinicians' actions in"});
        k.put("kafka.group", new String[] {"lymphwatch", "consumer group id"});
        k.put(
                "kafka.transactionalIdPrefix",
                new String[] {"lymphwatch", "transactional id prefix"});
        k.put("checkpoint.interval", new String[] {"PT10S", "checkpoint interval (ISO-8601)"});
        k.put("checkpoint.dir", new String[] {null, "durable checkpoint URI (e.g. file:///…)"});
        k.put("state.backend", new String[] {"hashmap", "hashmap, or rocksdb (incremental)"});
        k.put("bounded", new String[] {"false", "stop at the end of the topics (replay)"});
        k.put("store.maxOutage", new String[] {"PT5M", "store outage before a task restart"});
        k.put("restart.initialDelay", new String[] {"PT1S", "first restart delay"});
        k.put("restart.maxDelay", new String[] {"PT5M", "longest restart delay (exponential)"});
        k.put(
                "patients.waitFor",
                new String[] {"PT24H", "how long a reading waits for its patient"});
        k.put("patients.maxWaiting", new String[] {"1000", "readings that wait per patient"});
        k.put("source.idleness", new String[] {"PT30S", "a silent partition stops holding time"});
        k.put(
                "status.interval",
                new String[] {"PT1S", "a patient's status waits at most this long after a change"});
        k.put(
                "status.routineInterval",
                new String[] {"PT1M", "a patient's readings go out at most this often"});
        k.put("thresholds.file", new String[] {null, "alert thresholds (default: built in)"});
        return k;
    }

    /** Defaults for everything but the addresses, which differ per deployment. */
    public static JobConfig of(String kafkaBootstrap, String influxUrl, String influxToken) {
        return new JobConfig(
                kafkaBootstrap,
                Topics.DEFAULT,
                "lymphwatch",
                "lymphwatch",
                influxUrl,
                "lymphwatch",
                "lymphwatch",
                influxToken,
                Duration.ofSeconds(10),
                false,
                Duration.ofMinutes(5),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                "hashmap",
                null,
                Duration.ofHours(24),
                1000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                null,
                Map.of());
    }

    public static JobConfig load(Path file, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (p.containsKey("influx.token")) {
            throw new IllegalArgumentException(
                    file
                            + ": influx.token must not be in the config file; set "
                            + TOKEN_ENV
                            + " or influx.tokenFile");
        }
        for (String key : KEYS.keySet()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                p.setProperty(key, fromEnv);
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.containsKey(key) && !key.startsWith("kafka.client.")) {
                throw new IllegalArgumentException(file + ": unknown setting " + key);
            }
        }
        String token = env.get(TOKEN_ENV);
        if (token == null && p.getProperty("influx.tokenFile") != null) {
            token = Files.readString(Path.of(p.getProperty("influx.tokenFile"))).strip();
        }
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException(
                    "no InfluxDB token: set " + TOKEN_ENV + " or influx.tokenFile in " + file);
        }
        Map<String, String> client = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("kafka.client.")) {
                client.put(key.substring("kafka.client.".length()), p.getProperty(key));
            }
        }
        String backend = get(p, "state.backend").toLowerCase(Locale.ROOT);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new IllegalArgumentException(
                    file + ": state.backend must be hashmap or rocksdb, not " + backend);
        }
        return new JobConfig(
                required(p, "kafka.bootstrap", file),
                new Topics(
                        get(p, "topic.readings"),
                        get(p, "topic.rejected"),
                        get(p, "topic.patients"),
                        get(p, "topic.alerts"),
                        get(p, "topic.status"),
                        get(p, "topic.actions")),
                get(p, "kafka.group"),
                get(p, "kafka.transactionalIdPrefix"),
                required(p, "influx.url", file),
                get(p, "influx.org"),
                get(p, "influx.bucket"),
                token,
                duration(p, "checkpoint.interval", file),
                Boolean.parseBoolean(get(p, "bounded")),
                duration(p, "store.maxOutage", file),
                duration(p, "restart.initialDelay", file),
                duration(p, "restart.maxDelay", file),
                backend,
                get(p, "checkpoint.dir"),
                duration(p, "patients.waitFor", file),
                Integer.parseInt(get(p, "patients.maxWaiting")),
                duration(p, "source.idleness", file),
                duration(p, "status.interval", file),
                duration(p, "status.routineInterval", file),
                get(p, "thresholds.file"),
                Map.copyOf(client));
    }

    /** The environment variable that overrides a key. */
    public static String envName(String key) {
        return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public JobConfig withBounded(boolean value) {
        return with(b -> b.bounded = value);
    }

    public JobConfig withTopics(Topics value) {
        return with(b -> b.topics = value);
    }

    public JobConfig withNames(String group, String transactionalIdPrefix) {
        return with(
                b -> {
                    b.consumerGroup = group;
                    b.transactionalIdPrefix = transactionalIdPrefix;
                });
    }

    public JobConfig withCheckpointInterval(Duration value) {
        return with(b -> b.checkpointInterval = value);
    }

    public JobConfig withStoreMaxOutage(Duration value) {
        return with(b -> b.storeMaxOutage = value);
    }

    public JobConfig withRestartDelays(Duration initial, Duration max) {
        return with(
                b -> {
                    b.restartInitialDelay = initial;
                    b.restartMaxDelay = max;
                });
    }

    public JobConfig withStateBackend(String backend, String checkpointDirectory) {
        return with(
                b -> {
                    b.stateBackend = backend;
                    b.checkpointDirectory = checkpointDirectory;
                });
    }

    public JobConfig withWaitForPatient(Duration waitFor, int maxWaiting) {
        return with(
                b -> {
                    b.waitForPatient = waitFor;
                    b.maxWaitingReadings = maxWaiting;
                });
    }

    /**
     * How long a status waits after a change, and how long after the patient's last status a change
     * that only readings made waits.
     */
    public JobConfig withStatusIntervals(Duration change, Duration routine) {
        return with(
                b -> {
                    b.statusInterval = change;
                    b.routineStatusInterval = routine;
                });
    }

    /** Every setting, one per line, the token masked: printed when the job starts. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        line(s, "kafka.bootstrap", kafkaBootstrap);
        line(s, "topic.readings", topics.readings());
        line(s, "topic.rejected", topics.rejected());
        line(s, "topic.patients", topics.patients());
        line(s, "topic.alerts", topics.alerts());
        line(s, "topic.status", topics.status());
        line(s, "topic.actions", topics.actions());
        line(s, "kafka.group", consumerGroup);
        line(s, "kafka.transactionalIdPrefix", transactionalIdPrefix);
        kafkaClient.forEach(
                (k, v) ->
                        line(
                                s,
                                "kafka.client." + k,
                                k.contains("jaas") || k.contains("password") ? "***" : v));
        line(s, "influx.url", influxUrl);
        line(s, "influx.org", influxOrg);
        line(s, "influx.bucket", influxBucket);
        line(s, "influx.token", "***");
        line(s, "checkpoint.interval", checkpointInterval);
        line(s, "checkpoint.dir", checkpointDirectory);
        line(s, "state.backend", stateBackend);
        line(s, "bounded", bounded);
        line(s, "store.maxOutage", storeMaxOutage);
        line(s, "restart.initialDelay", restartInitialDelay);
        line(s, "restart.maxDelay", restartMaxDelay);
        line(s, "patients.waitFor", waitForPatient);
        line(s, "patients.maxWaiting", maxWaitingReadings);
        line(s, "source.idleness", sourceIdleness);
        line(s, "status.interval", statusInterval);
        line(s, "status.routineInterval", routineStatusInterval);
        line(s, "thresholds.file", thresholdsFile);
        return s.toString();
    }

    @Override
    public String toString() {
        return "JobConfig[" + describe().strip().replace("\n", ", ") + "]";
    }

    private static void line(StringBuilder s, String key, Object value) {
        s.append("  ").append(key).append(" = ").append(value == null ? "-" : value).append('\n');
    }

    private static String get(Properties p, String key) {
        return p.getProperty(key, KEYS.get(key)[0]);
    }

    private static Duration duration(Properties p, String key, Path file) {
        try {
            return Duration.parse(get(p, key));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    file + ": " + key + " must be an ISO-8601 duration such as PT10S");
        }
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " is missing");
        }
        return v;
    }

    private interface Change {
        void apply(Builder b);
    }

    private JobConfig with(Change change) {
        Builder b = new Builder(this);
        change.apply(b);
        return b.build();
    }

    /** Mutable copy for the {@code with…} methods: records have no copy-with. */
    private static final class Builder {
        String kafkaBootstrap;
        Topics topics;
        String consumerGroup;
        String transactionalIdPrefix;
        String influxUrl;
        String influxOrg;
        String influxBucket;
        String influxToken;
        Duration checkpointInterval;
        boolean bounded;
        Duration storeMaxOutage;
        Duration restartInitialDelay;
        Duration restartMaxDelay;
        String stateBackend;
        String checkpointDirectory;
        Duration waitForPatient;
        int maxWaitingReadings;
        Duration sourceIdleness;
        Duration statusInterval;
        Duration routineStatusInterval;
        String thresholdsFile;
        Map<String, String> kafkaClient;

        Builder(JobConfig c) {
            kafkaBootstrap = c.kafkaBootstrap;
            topics = c.topics;
            consumerGroup = c.consumerGroup;
            transactionalIdPrefix = c.transactionalIdPrefix;
            influxUrl = c.influxUrl;
            influxOrg = c.influxOrg;
            influxBucket = c.influxBucket;
            influxToken = c.influxToken;
            checkpointInterval = c.checkpointInterval;
            bounded = c.bounded;
            storeMaxOutage = c.storeMaxOutage;
            restartInitialDelay = c.restartInitialDelay;
            restartMaxDelay = c.restartMaxDelay;
            stateBackend = c.stateBackend;
            checkpointDirectory = c.checkpointDirectory;
            waitForPatient = c.waitForPatient;
            maxWaitingReadings = c.maxWaitingReadings;
            sourceIdleness = c.sourceIdleness;
            statusInterval = c.statusInterval;
            routineStatusInterval = c.routineStatusInterval;
            thresholdsFile = c.thresholdsFile;
            kafkaClient = c.kafkaClient;
        }

        JobConfig build() {
            return new JobConfig(
                    kafkaBootstrap,
                    topics,
                    consumerGroup,
                    transactionalIdPrefix,
                    influxUrl,
                    influxOrg,
                    influxBucket,
                    influxToken,
                    checkpointInterval,
                    bounded,
                    storeMaxOutage,
                    restartInitialDelay,
                    restartMaxDelay,
                    stateBackend,
                    checkpointDirectory,
                    waitForPatient,
                    maxWaitingReadings,
                    sourceIdleness,
                    statusInterval,
                    routineStatusInterval,
                    thresholdsFile,
                    kafkaClient);
        }
    }
}

package org.lymphwatch.jobs;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Where the job reads and writes, and how it checkpoints. Loaded from a properties file; the
 * InfluxDB token comes only from the environment ({@code LYMPHWATCH_INFLUX_TOKEN}) or a file named
 * by {@code influx.tokenFile}, never from the properties themselves, and {@link #toString()} hides
 * it.
 */
public record JobConfig(
        String kafkaBootstrap,
        String readingsTopic,
        String rejectedTopic,
        String consumerGroup,
        String transactionalIdPrefix,
        String influxUrl,
        String influxOrg,
        String influxBucket,
        String influxToken,
        Duration checkpointInterval,
        Duration dedupeRetention,
        boolean bounded)
        implements Serializable {

    public static final String TOKEN_ENV = "LYMPHWATCH_INFLUX_TOKEN";

    public JobConfig withBounded(boolean bounded) {
        return new JobConfig(
                kafkaBootstrap,
                readingsTopic,
                rejectedTopic,
                consumerGroup,
                transactionalIdPrefix,
                influxUrl,
                influxOrg,
                influxBucket,
                influxToken,
                checkpointInterval,
                dedupeRetention,
                bounded);
    }

    /** Defaults for everything but the addresses, which differ per deployment. */
    public static JobConfig of(String kafkaBootstrap, String influxUrl, String influxToken) {
        return new JobConfig(
                kafkaBootstrap,
                "readings",
                "readings-rejected",
                "lymphwatch",
                "lymphwatch",
                influxUrl,
                "lymphwatch",
                "lymphwatch",
                influxToken,
                Duration.ofSeconds(10),
                Duration.ofDays(30),
                false);
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
        String token = env.get(TOKEN_ENV);
        if (token == null && p.getProperty("influx.tokenFile") != null) {
            token = Files.readString(Path.of(p.getProperty("influx.tokenFile"))).strip();
        }
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException(
                    "no InfluxDB token: set " + TOKEN_ENV + " or influx.tokenFile in " + file);
        }
        JobConfig d =
                of(required(p, "kafka.bootstrap", file), required(p, "influx.url", file), token);
        return new JobConfig(
                d.kafkaBootstrap(),
                p.getProperty("topic.readings", d.readingsTopic()),
                p.getProperty("topic.rejected", d.rejectedTopic()),
                p.getProperty("kafka.group", d.consumerGroup()),
                p.getProperty("kafka.transactionalIdPrefix", d.transactionalIdPrefix()),
                d.influxUrl(),
                p.getProperty("influx.org", d.influxOrg()),
                p.getProperty("influx.bucket", d.influxBucket()),
                token,
                Duration.parse(
                        p.getProperty("checkpoint.interval", d.checkpointInterval().toString())),
                Duration.parse(p.getProperty("dedupe.retention", d.dedupeRetention().toString())),
                Boolean.parseBoolean(p.getProperty("bounded", "false")));
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " is missing");
        }
        return v;
    }

    @Override
    public String toString() {
        return "JobConfig[kafka="
                + kafkaBootstrap
                + ", readings="
                + readingsTopic
                + ", rejected="
                + rejectedTopic
                + ", influx="
                + influxUrl
                + " org="
                + influxOrg
                + " bucket="
                + influxBucket
                + " token=***, checkpoint="
                + checkpointInterval
                + ", dedupeRetention="
                + dedupeRetention
                + ", bounded="
                + bounded
                + "]";
    }
}

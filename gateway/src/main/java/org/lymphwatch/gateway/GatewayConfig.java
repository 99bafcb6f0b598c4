package org.lymphwatch.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything the gateway is configured with. {@link #from(Properties, Map)} reads it from a
 * properties file ({@code ./lymphwatch gateway --help} lists the keys); every {@code kafka.*} key
 * is handed to the Kafka clients without the prefix, which is how security settings (SASL_SSL,
 * SCRAM, trust store) reach them. Secrets come from files or environment variables, never from the
 * file itself: Kafka's own config providers ({@code ${env:VAR}}, {@code ${file:path:key}}) work in
 * {@code kafka.*} values.
 *
 * @param maxBatch readings per request
 * @param maxBodyBytes bytes per request body
 * @param requestsPerMinute per device; bursts up to the same number
 * @param sendTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param recentReadings how many accepted reading ids the gateway remembers to answer re-sends
 * @param tls null for plain HTTP (behind a TLS-terminating proxy, or on loopback)
 */
public record GatewayConfig(
        String host,
        int port,
        Path tokens,
        Map<String, String> kafka,
        String readingsTopic,
        String statusTopic,
        int maxBatch,
        int maxBodyBytes,
        int requestsPerMinute,
        Duration sendTimeout,
        int recentReadings,
        Tls tls) {

    public static final String READINGS_TOPIC = "readings";
    public static final String STATUS_TOPIC = "patient-status";
    public static final String KEYSTORE_PASSWORD_ENV = "LYMPHWATCH_GATEWAY_KEYSTORE_PASSWORD";

    /**
     * The server's certificate: a PKCS12 key store, or PEM certificate chain and PKCS#8 key files.
     */
    public record Tls(Path keystore, char[] keystorePassword, Path certificate, Path privateKey) {
        public Tls {
            if ((keystore == null) == (certificate == null || privateKey == null)) {
                throw new IllegalArgumentException(
                        "TLS needs either gateway.tls.keystore or both gateway.tls.certificate"
                                + " and gateway.tls.private.key");
            }
        }

        @Override
        public String toString() {
            return keystore != null ? "PKCS12 " + keystore : "PEM " + certificate;
        }
    }

    public GatewayConfig {
        kafka = Map.copyOf(kafka);
        if (!kafka.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is required");
        }
        if (maxBatch < 1 || maxBodyBytes < 1024 || requestsPerMinute < 1) {
            throw new IllegalArgumentException(
                    "gateway.max.batch, gateway.max.body.bytes (≥ 1024) and"
                            + " gateway.requests.per.minute must be positive");
        }
    }

    /** Loopback, plain HTTP, the default limits (for tests and the local demo), to adjust. */
    public static Builder builder(String bootstrapServers, Path tokens) {
        return new Builder(bootstrapServers, tokens);
    }

    /** Starts from the defaults of {@link #builder}; each setter changes one setting. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private final Path tokens;
        private Map<String, String> kafka;
        private String readingsTopic = READINGS_TOPIC;
        private String statusTopic = STATUS_TOPIC;
        private int maxBatch = 500;
        private int maxBodyBytes = 512 * 1024;
        private int requestsPerMinute = 120;
        private Duration sendTimeout = Duration.ofSeconds(10);
        private int recentReadings = 200_000;
        private Tls tls;

        private Builder(String bootstrapServers, Path tokens) {
            this.tokens = tokens;
            this.kafka = Map.of("bootstrap.servers", bootstrapServers);
        }

        public Builder listen(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /** Kafka client settings, {@code bootstrap.servers} included. */
        public Builder kafka(Map<String, String> kafka) {
            this.kafka = kafka;
            return this;
        }

        public Builder topics(String readings, String status) {
            this.readingsTopic = readings;
            this.statusTopic = status;
            return this;
        }

        public Builder limits(int maxBatch, int maxBodyBytes, int requestsPerMinute) {
            this.maxBatch = maxBatch;
            this.maxBodyBytes = maxBodyBytes;
            this.requestsPerMinute = requestsPerMinute;
            return this;
        }

        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
            return this;
        }

        public Builder recentReadings(int recentReadings) {
            this.recentReadings = recentReadings;
            return this;
        }

        public Builder tls(Tls tls) {
            this.tls = tls;
            return this;
        }

        public GatewayConfig build() {
            return new GatewayConfig(
                    host,
                    port,
                    tokens,
                    kafka,
                    readingsTopic,
                    statusTopic,
                    maxBatch,
                    maxBodyBytes,
                    requestsPerMinute,
                    sendTimeout,
                    recentReadings,
                    tls);
        }
    }

    /**
     * @param env where secrets named by the configuration are looked up
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static GatewayConfig from(Properties p, Map<String, String> env) {
        Map<String, String> kafka = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("kafka.")) {
                kafka.put(key.substring("kafka.".length()), p.getProperty(key).trim());
            }
        }
        String tokens = p.getProperty("gateway.tokens");
        if (tokens == null) {
            throw new IllegalArgumentException("gateway.tokens is required (the token store file)");
        }
        GatewayConfig d = builder("unused:0", Path.of(tokens)).build();
        return builder("unused:0", Path.of(tokens))
                .listen(p.getProperty("gateway.host", d.host()), integer(p, "gateway.port", 8088))
                .kafka(kafka)
                .topics(
                        p.getProperty("gateway.readings.topic", d.readingsTopic()),
                        p.getProperty("gateway.status.topic", d.statusTopic()))
                .limits(
                        integer(p, "gateway.max.batch", d.maxBatch()),
                        integer(p, "gateway.max.body.bytes", d.maxBodyBytes()),
                        integer(p, "gateway.requests.per.minute", d.requestsPerMinute()))
                .sendTimeout(
                        Duration.ofMillis(
                                integer(
                                        p,
                                        "gateway.send.timeout.ms",
                                        (int) d.sendTimeout().toMillis())))
                .recentReadings(integer(p, "gateway.recent.readings", d.recentReadings()))
                .tls(tls(p, env))
                .build();
    }

    private static Tls tls(Properties p, Map<String, String> env) {
        String keystore = p.getProperty("gateway.tls.keystore");
        String certificate = p.getProperty("gateway.tls.certificate");
        String key = p.getProperty("gateway.tls.private.key");
        if (keystore == null && certificate == null && key == null) {
            return null;
        }
        char[] password = null;
        if (keystore != null) {
            String file = p.getProperty("gateway.tls.keystore.password.file");
            if (file != null) {
                try {
                    password =
                            Files.readString(Path.of(file), StandardCharsets.UTF_8)
                                    .strip()
                                    .toCharArray();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            } else if (env.get(KEYSTORE_PASSWORD_ENV) != null) {
                password = env.get(KEYSTORE_PASSWORD_ENV).toCharArray();
            } else {
                throw new IllegalArgumentException(
                        "gateway.tls.keystore needs gateway.tls.keystore.password.file or $"
                                + KEYSTORE_PASSWORD_ENV);
            }
        }
        return new Tls(
                keystore == null ? null : Path.of(keystore),
                password,
                certificate == null ? null : Path.of(certificate),
                key == null ? null : Path.of(key));
    }

    private static int integer(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + v);
        }
    }
}

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

    /** Loopback, plain HTTP, the default limits: for tests and the local demo. */
    public static GatewayConfig local(String bootstrapServers, Path tokens) {
        return new GatewayConfig(
                "127.0.0.1",
                0,
                tokens,
                Map.of("bootstrap.servers", bootstrapServers),
                READINGS_TOPIC,
                STATUS_TOPIC,
                500,
                512 * 1024,
                120,
                Duration.ofSeconds(10),
                200_000,
                null);
    }

    public GatewayConfig withPort(int port) {
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

    public GatewayConfig withLimits(int maxBatch, int maxBodyBytes, int requestsPerMinute) {
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

    public GatewayConfig withSendTimeout(Duration sendTimeout) {
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

    public GatewayConfig withTls(Tls tls) {
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

    public GatewayConfig withKafka(Map<String, String> kafka) {
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
        GatewayConfig d = local("unused:0", Path.of(tokens));
        return new GatewayConfig(
                p.getProperty("gateway.host", "127.0.0.1"),
                integer(p, "gateway.port", 8088),
                Path.of(tokens),
                kafka,
                p.getProperty("gateway.readings.topic", d.readingsTopic()),
                p.getProperty("gateway.status.topic", d.statusTopic()),
                integer(p, "gateway.max.batch", d.maxBatch()),
                integer(p, "gateway.max.body.bytes", d.maxBodyBytes()),
                integer(p, "gateway.requests.per.minute", d.requestsPerMinute()),
                Duration.ofMillis(
                        integer(p, "gateway.send.timeout.ms", (int) d.sendTimeout().toMillis())),
                integer(p, "gateway.recent.readings", d.recentReadings()),
                tls(p, env));
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

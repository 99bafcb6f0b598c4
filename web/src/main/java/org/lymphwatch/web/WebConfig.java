package org.lymphwatch.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The web app's settings: a properties file, each key overridable by an environment variable
 * ({@code kafka.bootstrap} by {@code LYMPHWATCH_KAFKA_BOOTSTRAP}), which is how the compose stack
 * configures it. Secrets come only from files or environment variables, never from the properties.
 *
 * @param publicOrigin what browsers see as the app's origin when a proxy is in front (e.g.
 *     https://clinic.example.org); null to take it from each request
 * @param secureCookie send the session cookie with Secure: on with TLS here or behind a TLS proxy
 * @param kafkaClient extra Kafka client properties ({@code kafka.client.*} keys of the file, as in
 *     the job's configuration, e.g. {@code kafka.client.security.protocol=SASL_SSL}) for the
 *     board's consumer and the actions' producer; secrets through Kafka's config providers ({@code
 *     ${env:VAR}}), never in the file
 */
public record WebConfig(
        String host,
        int port,
        String publicOrigin,
        Tls tls,
        boolean secureCookie,
        String kafkaBootstrap,
        Map<String, String> kafkaClient,
        String statusTopic,
        String alertsTopic,
        String actionsTopic,
        Store store,
        Path cliniciansFile,
        Path auditFile,
        long maxRequestBytes) {

    public static final String INFLUX_TOKEN_ENV = "LYMPHWATCH_INFLUX_TOKEN";
    public static final String TLS_PASSWORD_ENV = "LYMPHWATCH_TLS_PASSWORD";
    public static final String QUESTDB_PASSWORD_ENV = "LYMPHWATCH_QUESTDB_PASSWORD";

    /** Every key, with its default (null = required or optional without default). */
    public static final String KEYS =
            "http.host (127.0.0.1), http.port (8080), http.publicOrigin, http.behindTls (false),"
                    + " http.maxRequestBytes (16384), tls.certFile + tls.keyFile (PEM) or"
                    + " tls.pkcs12File (+ tls.pkcs12PasswordFile or $"
                    + TLS_PASSWORD_ENV
                    + "), kafka.bootstrap (required), kafka.client.* (Kafka client settings, e.g."
                    + " kafka.client.security.protocol), topic.status (patient-status),"
                    + " topic.alerts (alerts), topic.actions (alert-actions), store (questdb |"
                    + " influx), questdb.jdbcUrl, questdb.user (admin), questdb.passwordFile or $"
                    + QUESTDB_PASSWORD_ENV
                    + " (quest), influx.url, influx.org (lymphwatch), influx.bucket"
                    + " (lymphwatch), influx.tokenFile or $"
                    + INFLUX_TOKEN_ENV
                    + ", clinicians.file (clinicians.txt), audit.file (audit.jsonl)";

    /** Where patient history is read from. */
    public sealed interface Store {
        record QuestDb(String jdbcUrl, String user, String password) implements Store {
            @Override
            public String toString() {
                return "QuestDb[" + jdbcUrl + "]";
            }
        }

        record Influx(String url, String org, String bucket, char[] token) implements Store {
            @Override
            public String toString() {
                return "Influx[" + url + ", org " + org + ", bucket " + bucket + "]";
            }
        }
    }

    /** TLS material: PEM certificate chain and PKCS#8 key, or a PKCS#12 keystore. */
    public record Tls(Path certFile, Path keyFile, Path pkcs12File, char[] pkcs12Password) {
        @Override
        public String toString() {
            return pkcs12File != null ? "Tls[" + pkcs12File + "]" : "Tls[" + certFile + "]";
        }
    }

    public static WebConfig load(Path file, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return of(p, env);
    }

    /**
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static WebConfig of(Properties file, Map<String, String> env) throws IOException {
        Settings s = new Settings(file, env);
        Tls tls = tls(s, env);
        String storeKind = s.get("store", "questdb");
        Store store =
                switch (storeKind) {
                    case "questdb" ->
                            new Store.QuestDb(
                                    s.required("questdb.jdbcUrl"),
                                    s.get("questdb.user", "admin"),
                                    new String(
                                            secret(
                                                    s,
                                                    env,
                                                    "questdb.passwordFile",
                                                    QUESTDB_PASSWORD_ENV,
                                                    "quest")));
                    case "influx" ->
                            new Store.Influx(
                                    s.required("influx.url"),
                                    s.get("influx.org", "lymphwatch"),
                                    s.get("influx.bucket", "lymphwatch"),
                                    secret(s, env, "influx.tokenFile", INFLUX_TOKEN_ENV, null));
                    default ->
                            throw new IllegalArgumentException(
                                    "store must be questdb or influx, not " + storeKind);
                };
        return new WebConfig(
                s.get("http.host", "127.0.0.1"),
                s.integer("http.port", 8080),
                s.get("http.publicOrigin", null),
                tls,
                tls != null || Boolean.parseBoolean(s.get("http.behindTls", "false")),
                s.required("kafka.bootstrap"),
                kafkaClient(file),
                s.get("topic.status", "patient-status"),
                s.get("topic.alerts", "alerts"),
                s.get("topic.actions", "alert-actions"),
                store,
                Path.of(s.get("clinicians.file", "clinicians.txt")),
                Path.of(s.get("audit.file", "audit.jsonl")),
                s.integer("http.maxRequestBytes", 16 * 1024));
    }

    /** The file's {@code kafka.client.*} keys without the prefix. */
    private static Map<String, String> kafkaClient(Properties file) {
        Map<String, String> client = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(KAFKA_CLIENT_PREFIX)) {
                client.put(
                        key.substring(KAFKA_CLIENT_PREFIX.length()), file.getProperty(key).strip());
            }
        }
        if (client.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException(
                    "set kafka.bootstrap, not kafka.client.bootstrap.servers");
        }
        return Map.copyOf(client);
    }

    private static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    private static Tls tls(Settings s, Map<String, String> env) throws IOException {
        String cert = s.get("tls.certFile", null);
        String key = s.get("tls.keyFile", null);
        String pkcs12 = s.get("tls.pkcs12File", null);
        if (pkcs12 != null) {
            return new Tls(
                    null,
                    null,
                    Path.of(pkcs12),
                    secret(s, env, "tls.pkcs12PasswordFile", TLS_PASSWORD_ENV, ""));
        }
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalArgumentException("tls.certFile and tls.keyFile go together");
            }
            return new Tls(Path.of(cert), Path.of(key), null, null);
        }
        return null;
    }

    private static char[] secret(
            Settings s, Map<String, String> env, String fileKey, String envName, String dflt)
            throws IOException {
        String file = s.get(fileKey, null);
        if (file != null) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
        }
        String value = env.get(envName);
        if (value != null) {
            return value.toCharArray();
        }
        if (dflt == null) {
            throw new IllegalArgumentException("set " + fileKey + " or $" + envName);
        }
        return dflt.toCharArray();
    }

    /** The file's keys, each overridden by its environment variable. */
    private record Settings(Properties file, Map<String, String> env) {
        String get(String key, String dflt) {
            String fromEnv =
                    env.get("LYMPHWATCH_" + key.replace('.', '_').toUpperCase(Locale.ROOT));
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.strip();
            }
            String value = file.getProperty(key);
            return value == null || value.isBlank() ? dflt : value.strip();
        }

        String required(String key) {
            String value = get(key, null);
            if (value == null) {
                throw new IllegalArgumentException(
                        key
                                + " is required (or $LYMPHWATCH_"
                                + key.replace('.', '_').toUpperCase(Locale.ROOT)
                                + ")");
            }
            return value;
        }

        int integer(String key, int dflt) {
            String value = get(key, null);
            if (value == null) {
                return dflt;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number: " + value);
            }
        }
    }
}

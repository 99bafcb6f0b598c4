package org.lymphwatch.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * SASL_SSL for the embedded broker, as in production: clients connect over TLS and log in with
 * SCRAM-SHA-512; the StandardAuthorizer refuses everything no ACL allows. The SCRAM users are
 * written when the broker's storage is formatted ({@code kafka-storage format --add-scram}).
 *
 * <p>The controller listener stays PLAINTEXT on loopback, used only by the node itself, whose
 * anonymous principal is therefore a super user; clients reach the broker listener only.
 *
 * @param keystore the broker's PKCS12 key store (certificate for 127.0.0.1)
 * @param truststore PKCS12 trust store with the certificate authority clients and broker trust
 * @param users SCRAM user → password; must contain {@link #ADMIN}, the broker's own super user
 */
public record KafkaSecurity(
        Path keystore,
        String keystorePassword,
        Path truststore,
        String truststorePassword,
        Map<String, String> users) {

    public static final String ADMIN = "admin";
    static final String MECHANISM = "SCRAM-SHA-512";

    public KafkaSecurity {
        users = Map.copyOf(users);
        if (!users.containsKey(ADMIN)) {
            throw new IllegalArgumentException("the users must include " + ADMIN);
        }
    }

    /**
     * For tests: a broker with {@code certificate}'s key and trust stores, {@link #ADMIN} and the
     * given users, each with the password {@code <user>-test-secret}.
     */
    public static KafkaSecurity forTest(SelfSignedCertificate certificate, String... users) {
        Map<String, String> passwords = new java.util.HashMap<>();
        passwords.put(ADMIN, ADMIN + "-test-secret");
        for (String user : users) {
            passwords.put(user, user + "-test-secret");
        }
        return new KafkaSecurity(
                certificate.keystore(),
                certificate.password(),
                certificate.truststore(),
                certificate.password(),
                passwords);
    }

    /** The client settings to log in as this user (plus {@code bootstrap.servers}). */
    public Map<String, String> clientProperties(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user " + user);
        }
        return Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                MECHANISM,
                "sasl.jaas.config",
                jaas(user, password),
                "ssl.truststore.location",
                truststore.toString(),
                "ssl.truststore.password",
                truststorePassword,
                "ssl.truststore.type",
                "PKCS12");
    }

    /** Turns the broker listener into SASL_SSL with ACLs. */
    void applyTo(Properties p, int brokerPort) {
        p.put("listeners", p.getProperty("listeners").replace("PLAINTEXT://", "SASL_SSL://"));
        p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put(
                "listener.name.sasl_ssl." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                jaas(ADMIN, users.get(ADMIN)));
        p.put("ssl.keystore.location", keystore.toString());
        p.put("ssl.keystore.password", keystorePassword);
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore.toString());
        p.put("ssl.truststore.password", truststorePassword);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
    }

    /** What {@code kafka-storage format --add-scram} takes, one entry per user. */
    List<String> scramArguments() {
        return users.entrySet().stream()
                .map(u -> MECHANISM + "=[name=" + u.getKey() + ",password=" + u.getValue() + "]")
                .toList();
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user
                + "\" password=\""
                + password
                + "\";";
    }

    @Override
    public String toString() {
        return "KafkaSecurity[SASL_SSL " + MECHANISM + ", users " + users.keySet() + "]";
    }
}

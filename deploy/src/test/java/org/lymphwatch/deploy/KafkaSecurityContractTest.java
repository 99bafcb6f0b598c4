package org.lymphwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.gateway.GatewayConfig;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.simulators.KafkaPublisher;
import org.lymphwatch.web.WebConfig;

/**
 * Kafka in docker-compose.yml is locked down as the README's security model says: every service
 * that talks to Kafka logs in over SASL_SSL as its own SCRAM user, with its password from .env and
 * the CA made by deploy/kafka/make-secrets.sh; the one-shot kafka-init grants each user exactly the
 * README's table; the broker has no other way in. Each client's settings are read by that client's
 * own config parser from the file compose mounts. No Docker engine needed.
 */
class KafkaSecurityContractTest {

    /** What a client service logs in with, as its own code reads its configuration. */
    private record Client(
            String service, String user, String bootstrap, Map<String, String> settings) {}

    private static final String ENV_PASSWORD = "${env:LYMPHWATCH_KAFKA_PASSWORD}";
    private static final Pattern JAAS =
            Pattern.compile(
                    "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required"
                            + " username=\"([a-z]+)\" password=\"([^\"]+)\";");

    @Test
    void everyKafkaClientLogsInOverSaslSslAsItsOwnUserWithItsPasswordFromEnv() throws Exception {
        Properties server =
                Deployment.properties(Deployment.text("deploy/kafka/server.properties"));
        JsonNode init = Deployment.service("kafka-init");
        Set<String> users = new TreeSet<>();
        for (Client c : clients()) {
            String what = c.service() + " as " + c.user();
            Map<String, String> s = c.settings();
            assertThat(listenerProtocol(server, c.bootstrap())).as(what).isEqualTo("SASL_SSL");
            assertThat(s.get("security.protocol")).as(what).isEqualTo("SASL_SSL");
            assertThat(server.getProperty("sasl.enabled.mechanisms").split(","))
                    .as(what)
                    .contains(s.get("sasl.mechanism"));
            Matcher jaas = JAAS.matcher(s.getOrDefault("sasl.jaas.config", ""));
            assertThat(jaas.matches()).as(what + ": " + s.get("sasl.jaas.config")).isTrue();
            assertThat(jaas.group(1)).as(what).isEqualTo(c.user());
            // The password is no file's business: Kafka's env provider reads it at login.
            assertThat(jaas.group(2)).as(what).isEqualTo(ENV_PASSWORD);
            assertThat(s)
                    .as(what)
                    .containsEntry("config.providers", "env")
                    .containsEntry(
                            "config.providers.env.class",
                            "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
            String passwordVariable = "KAFKA_" + c.user().toUpperCase() + "_PASSWORD";
            assertThat(
                            Deployment.variables(
                                    environment(c.service()).get("LYMPHWATCH_KAFKA_PASSWORD")))
                    .as(what)
                    .containsExactly(passwordVariable);
            assertThat(Deployment.variables(environment(init).get(passwordVariable)))
                    .as("kafka-init creates " + c.user())
                    .containsExactly(passwordVariable);
            assertThat(Deployment.text("deploy/kafka/grant-access.sh"))
                    .contains("user " + c.user() + " \"${" + passwordVariable + ":-}\"");
            // The broker's CA, mounted read-only where the client looks for it.
            assertThat(s.get("ssl.truststore.type")).as(what).isEqualTo("PEM");
            assertThat(Deployment.bindMounts(Deployment.service(c.service())))
                    .as(what)
                    .containsEntry(
                            s.get("ssl.truststore.location"), Deployment.SECRETS + "/ca.crt");
            users.add(c.user());
        }
        assertThat(users).containsExactlyInAnyOrder("job", "gateway", "webapp", "simulator");
    }

    @Test
    void theAclsGrantEachUserExactlyTheReadmeSecurityModel() throws Exception {
        Set<String> granted = new TreeSet<>();
        Matcher allow =
                Pattern.compile("(?m)^allow (\\S+) (\\S+) (\\S+) (\\S+)( prefixed)?$")
                        .matcher(Deployment.text("deploy/kafka/grant-access.sh"));
        while (allow.find()) {
            for (String op : allow.group(2).split(",")) {
                granted.add(
                        acl(
                                allow.group(1),
                                op,
                                allow.group(3),
                                allow.group(4),
                                allow.group(5) != null));
            }
        }
        assertThat(granted).isEqualTo(readmeSecurityModel());

        // The names in the ACLs are the ones each service is configured with.
        JobConfig job = JobConfig.load(Deployment.file("deploy/flink/job.properties"), JOB_ENV);
        JobConfig.Topics t = job.topics();
        GatewayConfig gateway = gatewayConfig();
        WebConfig web = webConfig();
        Set<String> expected = new TreeSet<>();
        for (String in : List.of(t.readings(), t.patients(), t.actions())) {
            expected.addAll(readAcl("job", "topic", in, false));
        }
        for (String out : List.of(t.alerts(), t.status(), t.rejected())) {
            expected.addAll(writeAcl("job", "topic", out, false));
        }
        expected.addAll(readAcl("job", "group", job.consumerGroup(), true));
        expected.addAll(writeAcl("job", "transactional-id", job.transactionalIdPrefix(), true));
        expected.addAll(writeAcl("gateway", "topic", gateway.readingsTopic(), false));
        expected.addAll(readAcl("gateway", "topic", gateway.statusTopic(), false));
        expected.addAll(readAcl("webapp", "topic", web.statusTopic(), false));
        expected.addAll(readAcl("webapp", "topic", web.alertsTopic(), false));
        expected.addAll(writeAcl("webapp", "topic", web.actionsTopic(), false));
        expected.addAll(writeAcl("simulator", "topic", KafkaPublisher.PATIENTS_TOPIC, false));
        assertThat(granted).isEqualTo(expected);

        // Users and ACLs exist before the topics, and the topics before anything publishes.
        String command = Deployment.service("kafka-init").path("command").toString();
        assertThat(command.indexOf("grant-access.sh"))
                .isNotNegative()
                .isLessThan(command.indexOf("create-topics.sh"));
    }

    @Test
    void theBrokerHasNoWayInButSaslSslAndRefusesWhatNoAclAllows() {
        Properties server =
                Deployment.properties(Deployment.text("deploy/kafka/server.properties"));
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String entry : server.getProperty("listener.security.protocol.map").split(",")) {
            String[] kv = entry.split(":");
            protocols.put(kv[0], kv[1]);
        }
        String controller = server.getProperty("controller.listener.names");
        for (String listener : server.getProperty("listeners").split(",")) {
            String name = listener.substring(0, listener.indexOf("://"));
            if (name.equals(controller)) {
                // The node's own controller listener: loopback inside the container only.
                assertThat(listener).startsWith(name + "://127.0.0.1:");
            } else {
                assertThat(protocols.get(name)).as(listener).isEqualTo("SASL_SSL");
            }
        }
        assertThat(server.getProperty("controller.quorum.voters")).contains("@127.0.0.1:");
        assertThat(server.getProperty("authorizer.class.name"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(server.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(server.getProperty("super.users")).isEqualTo("User:admin;User:ANONYMOUS");
        // No secret in the file: both come from the broker's environment (.env).
        assertThat(server.getProperty("ssl.keystore.password"))
                .isEqualTo("${env:KAFKA_SSL_KEYSTORE_PASSWORD}");
        assertThat(server.getProperty("listener.name.internal.scram-sha-512.sasl.jaas.config"))
                .contains("username=\"admin\" password=\"${env:KAFKA_ADMIN_PASSWORD}\"");
        Map<String, String> kafka = environment("kafka");
        assertThat(Deployment.variables(kafka.get("KAFKA_SSL_KEYSTORE_PASSWORD")))
                .containsExactly("KAFKA_SSL_KEYSTORE_PASSWORD");
        assertThat(Deployment.variables(kafka.get("KAFKA_ADMIN_PASSWORD")))
                .containsExactly("KAFKA_ADMIN_PASSWORD");
        assertThat(Deployment.bindMounts(Deployment.service("kafka")))
                .containsEntry("/etc/lymphwatch/kafka-secrets", Deployment.SECRETS)
                .containsEntry("/etc/lymphwatch/admin.properties", "deploy/kafka/admin.properties");
        // The health check logs in like every client: over SASL_SSL, as admin.
        assertThat(Deployment.service("kafka").path("healthcheck").path("test").toString())
                .contains("--command-config /etc/lymphwatch/admin.properties");
        assertThat(server.getProperty("ssl.keystore.location"))
                .isEqualTo("/etc/lymphwatch/kafka-secrets/kafka.p12");
        // The admin user is formatted into the storage: the broker logs in to itself with it.
        assertThat(Deployment.service("kafka").path("command").toString())
                .contains(
                        "--add-scram \\\"SCRAM-SHA-512=[name=admin,password=$${KAFKA_ADMIN_PASSWORD}]");
    }

    @Test
    void makeSecretsGivesTheBrokerACertificateClientsVerifyAsKafkaAndLocalhost(@TempDir Path dir)
            throws Exception {
        String password = "test-only-keystore-password";
        ProcessBuilder pb =
                new ProcessBuilder(
                                "bash",
                                Deployment.file("deploy/kafka/make-secrets.sh").toString(),
                                dir.toString())
                        .redirectErrorStream(true);
        pb.environment().put("KAFKA_SSL_KEYSTORE_PASSWORD", password);
        pb.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin")
                                + ":"
                                + System.getenv("PATH"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        KeyStore broker = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("kafka.p12"))) {
            broker.load(in, password.toCharArray());
        }
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Certificate[] chain = broker.getCertificateChain("kafka");
        X509Certificate leaf = (X509Certificate) chain[0];
        leaf.verify(ca.getPublicKey());
        List<String> names = new ArrayList<>();
        for (List<?> san : leaf.getSubjectAlternativeNames()) {
            names.add((String) san.get(1));
        }
        // kafka: the containers' address; localhost: tools on the host (EXTERNAL listener).
        assertThat(names).containsExactlyInAnyOrder("kafka", "localhost");

        // A client that trusts only ca.crt completes a TLS handshake checking the name localhost.
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(broker, password.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory trusts = TrustManagerFactory.getInstance("PKIX");
        trusts.init(trust);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trusts.getTrustManagers(), null);
        try (SSLServerSocket listener =
                (SSLServerSocket)
                        serverContext
                                .getServerSocketFactory()
                                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> served =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (SSLSocket s = (SSLSocket) listener.accept()) {
                                    return s.getInputStream().read();
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            try (SSLSocket client =
                    (SSLSocket)
                            clientContext
                                    .getSocketFactory()
                                    .createSocket("localhost", listener.getLocalPort())) {
                SSLParameters params = client.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(params);
                client.startHandshake();
                OutputStream out = client.getOutputStream();
                out.write(42);
                out.flush();
            }
            assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    /** Values standing in for .env, under the names the job reads them by. */
    private static final Map<String, String> JOB_ENV =
            Map.of(JobConfig.TOKEN_ENV, "t0ken", JobConfig.envName("influx.org"), "clinic-org");

    /** Every service that talks to Kafka, with the settings its own code takes from compose. */
    private static List<Client> clients() throws Exception {
        List<Client> clients = new ArrayList<>();
        JobConfig job = JobConfig.load(Deployment.file("deploy/flink/job.properties"), JOB_ENV);
        for (String flink : List.of("jobmanager", "taskmanager")) {
            assertThat(Deployment.bindMounts(Deployment.service(flink)))
                    .containsEntry("/opt/lymphwatch/job.properties", "deploy/flink/job.properties");
            clients.add(new Client(flink, "job", job.kafkaBootstrap(), job.kafkaClient()));
        }
        GatewayConfig gateway = gatewayConfig();
        clients.add(
                new Client(
                        "gateway",
                        "gateway",
                        gateway.kafka().get("bootstrap.servers"),
                        gateway.kafka()));
        WebConfig web = webConfig();
        clients.add(new Client("web", "webapp", web.kafkaBootstrap(), web.kafkaClient()));
        List<String> simulate = command("simulator");
        Map<String, String> simulator = new HashMap<>();
        Deployment.properties(Deployment.text(hostFile("simulator", simulate, "--kafka-config")))
                .forEach((k, v) -> simulator.put((String) k, (String) v));
        clients.add(
                new Client(
                        "simulator",
                        "simulator",
                        simulate.get(simulate.indexOf("--kafka") + 1),
                        simulator));
        return clients;
    }

    private static GatewayConfig gatewayConfig() {
        String file = hostFile("gateway", command("gateway"), "--config");
        return GatewayConfig.from(Deployment.properties(Deployment.text(file)), Map.of());
    }

    private static WebConfig webConfig() throws IOException {
        String file = hostFile("web", command("web"), "--config");
        return WebConfig.load(Deployment.file(file), environment("web"));
    }

    /** The repository file a service's command names after {@code option}, via its mounts. */
    private static String hostFile(String service, List<String> command, String option) {
        String inContainer = command.get(command.indexOf(option) + 1);
        String host = Deployment.bindMounts(Deployment.service(service)).get(inContainer);
        assertThat(host).as(service + " mounts " + inContainer).isNotNull();
        return host;
    }

    private static List<String> command(String service) {
        return StreamSupport.stream(
                        Deployment.service(service).path("command").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /** The README's table of Kafka users, as the ACLs it implies. */
    private static Set<String> readmeSecurityModel() {
        String readme = Deployment.text("README.md");
        int table = readme.indexOf("| Kafka user | reads | writes | also |");
        assertThat(table).as("README's table of Kafka users").isNotNegative();
        Set<String> acls = new TreeSet<>();
        Pattern name = Pattern.compile("`([^`]+)`");
        for (String row : readme.substring(table).split("\n")) {
            if (!row.startsWith("|")) {
                break;
            }
            String[] cells = row.split("\\|", -1);
            Matcher user = name.matcher(cells[1]);
            if (!user.find()) {
                continue; // the header and its rule
            }
            for (Matcher m = name.matcher(cells[2]); m.find(); ) {
                acls.addAll(readAcl(user.group(1), "topic", m.group(1), false));
            }
            for (Matcher m = name.matcher(cells[3]); m.find(); ) {
                acls.addAll(writeAcl(user.group(1), "topic", m.group(1), false));
            }
            for (String also : cells[4].split(",")) {
                Matcher m = name.matcher(also);
                if (!m.find()) {
                    continue;
                }
                assertThat(m.group(1)).as(also).endsWith("*");
                String prefix = m.group(1).substring(0, m.group(1).length() - 1);
                if (also.contains("consumer group")) {
                    acls.addAll(readAcl(user.group(1), "group", prefix, true));
                } else if (also.contains("transactional id")) {
                    acls.addAll(writeAcl(user.group(1), "transactional-id", prefix, true));
                } else {
                    throw new AssertionError("README: unknown Kafka resource in " + also);
                }
            }
        }
        assertThat(acls).isNotEmpty();
        return acls;
    }

    private static List<String> readAcl(String user, String type, String name, boolean prefix) {
        return List.of(
                acl(user, "Read", type, name, prefix), acl(user, "Describe", type, name, prefix));
    }

    private static List<String> writeAcl(String user, String type, String name, boolean prefix) {
        return List.of(
                acl(user, "Write", type, name, prefix), acl(user, "Describe", type, name, prefix));
    }

    private static String acl(String user, String op, String type, String name, boolean prefix) {
        return user + " " + op + " " + type + " " + name + (prefix ? "*" : "");
    }

    /** The protocol of the broker listener advertised at this address. */
    private static String listenerProtocol(Properties server, String bootstrap) {
        for (String l : server.getProperty("advertised.listeners").split(",")) {
            if (l.endsWith("://" + bootstrap)) {
                String name = l.substring(0, l.indexOf("://"));
                for (String entry :
                        server.getProperty("listener.security.protocol.map").split(",")) {
                    if (entry.startsWith(name + ":")) {
                        return entry.substring(name.length() + 1);
                    }
                }
            }
        }
        throw new AssertionError("no advertised listener at " + bootstrap);
    }

    private static Map<String, String> environment(String service) {
        return environment(Deployment.service(service));
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        service.path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }
}

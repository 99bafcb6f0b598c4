package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.KafkaSecurity;
import org.lymphwatch.embedded.SelfSignedCertificate;

/**
 * The broker locked down as in production (SASL_SSL, SCRAM users, ACLs): the gateway, logged in as
 * {@code gateway}, writes readings and reads statuses and nothing else; a client without
 * credentials, or with a wrong password, gets nowhere.
 */
class SecuredKafkaTest {

    private static final String ALERTS = "alerts";

    @TempDir static Path dir;
    private static KafkaSecurity security;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir, "test-only-password");
        security = KafkaSecurity.forTest(certificate, "gateway", "job");
        kafka = EmbeddedKafka.startSecured(security);
        kafka.createTopics(3, GatewayConfig.READINGS_TOPIC, ALERTS);
        kafka.createCompactedTopic(GatewayConfig.STATUS_TOPIC, 1);
        kafka.grant(
                "gateway", GatewayConfig.READINGS_TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE);
        kafka.grant(
                "gateway", GatewayConfig.STATUS_TOPIC, AclOperation.READ, AclOperation.DESCRIBE);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static Map<String, String> as(String user) {
        Map<String, String> p = new HashMap<>(security.clientProperties(user));
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return p;
    }

    @Test
    void theGatewayLoggedInAsGatewayWritesReadings() throws Exception {
        Path tokens = dir.resolve("gateway.tokens");
        String token = TokenStore.enrolDevice(tokens, "perometer-s1", "p-000001");
        GatewayConfig config =
                GatewayConfig.builder(kafka.bootstrapServers(), tokens)
                        .kafka(as("gateway"))
                        .build();

        try (Gateway gateway = Gateway.start(config)) {
            HttpResponse<String> r =
                    new GatewayClient(gateway.url())
                            .post(
                                    "/v1/readings",
                                    token,
                                    "{\"schema\":1,\"readingId\":\"r-secure-1\","
                                            + "\"patientId\":\"p-000001\",\"deviceId\":\"perometer-s1\","
                                            + "\"measuredAt\":\"2026-01-05T08:00:00Z\","
                                            + "\"kind\":\"CONTEXT\",\"pain\":true}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }

        assertThat(
                        kafka.readCommitted(
                                GatewayConfig.READINGS_TOPIC,
                                1,
                                Duration.ofSeconds(30),
                                Duration.ZERO))
                .anySatisfy(rec -> assertThat(rec.value()).contains("r-secure-1"));
    }

    @Test
    void theGatewaysCredentialsCannotWriteAlerts() {
        assertThat(sendFailure(as("gateway"), ALERTS))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordGetsNowhere() {
        Map<String, String> tlsOnly = new HashMap<>(as("gateway"));
        tlsOnly.put("security.protocol", "SSL");
        tlsOnly.remove("sasl.mechanism");
        tlsOnly.remove("sasl.jaas.config");
        Map<String, String> wrongPassword = new HashMap<>(as("gateway"));
        wrongPassword.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"gateway\" password=\"guessed\";");

        // Without a SASL login the broker never answers a request: the send times out.
        assertThat(sendFailure(tlsOnly, GatewayConfig.READINGS_TOPIC))
                .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThat(sendFailure(wrongPassword, GatewayConfig.READINGS_TOPIC))
                .isInstanceOf(SaslAuthenticationException.class);
    }

    /** Why sending one record with these settings failed; fails the test if it succeeded. */
    private static Throwable sendFailure(Map<String, String> settings, String topic) {
        try (KafkaProducer<String, String> producer = producer(settings)) {
            Throwable thrown =
                    org.assertj.core.api.Assertions.catchThrowable(
                            () ->
                                    producer.send(new ProducerRecord<>(topic, "p-000001", "{}"))
                                            .get(30, TimeUnit.SECONDS));
            assertThat(thrown).isInstanceOf(ExecutionException.class);
            return thrown.getCause();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("max.block.ms", 3000);
        config.put("delivery.timeout.ms", 6000);
        config.put("request.timeout.ms", 3000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}

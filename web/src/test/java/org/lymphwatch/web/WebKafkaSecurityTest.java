package org.lymphwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.KafkaSecurity;
import org.lymphwatch.embedded.SelfSignedCertificate;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertActionJson;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.StatusLevel;

/**
 * The web app on a SASL_SSL broker, logged in as {@code webapp} through its {@code kafka.client.*}
 * settings with only the ACLs of the README's security model: it follows {@code patient-status} and
 * sends actions to {@code alert-actions}, and the same login cannot write {@code alerts}.
 */
class WebKafkaSecurityTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-01T08:15:00+01:00");

    @TempDir Path dir;

    @Test
    void theWebAppReadsStatusesAndSendsActionsWithItsOwnLoginOnly() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "test-only-password");
        KafkaSecurity security = KafkaSecurity.forTest(cert, "webapp");
        try (EmbeddedKafka kafka = EmbeddedKafka.startSecured(security)) {
            kafka.createCompactedTopic("patient-status", 1);
            kafka.createTopics(1, "alerts", "alert-actions");
            kafka.grant("webapp", "patient-status", AclOperation.READ, AclOperation.DESCRIBE);
            kafka.grant("webapp", "alerts", AclOperation.READ, AclOperation.DESCRIBE);
            kafka.grant("webapp", "alert-actions", AclOperation.WRITE, AclOperation.DESCRIBE);
            publishStatusAsAdmin(kafka, security);

            Properties file = new Properties();
            file.setProperty("kafka.bootstrap", kafka.bootstrapServers());
            file.setProperty("questdb.jdbcUrl", "jdbc:postgresql://127.0.0.1:1/qdb");
            security.clientProperties("webapp")
                    .forEach((k, v) -> file.setProperty("kafka.client." + k, v));
            WebConfig config = WebConfig.of(file, Map.of());
            assertThat(config.kafkaClient()).containsEntry("security.protocol", "SASL_SSL");

            TriageBoard board = new TriageBoard();
            try (BoardFollower follower =
                            new BoardFollower(
                                    config.kafkaBootstrap(),
                                    config.kafkaClient(),
                                    config.statusTopic(),
                                    config.alertsTopic(),
                                    board);
                    AlertActionSender actions =
                            new AlertActionSender(
                                    config.kafkaBootstrap(),
                                    config.kafkaClient(),
                                    config.actionsTopic());
                    AlertActionSender intoAlerts =
                            new AlertActionSender(
                                    config.kafkaBootstrap(),
                                    config.kafkaClient(),
                                    config.alertsTopic())) {
                follower.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (board.status("p-000001").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(board.status("p-000001")).isPresent();

                AlertAction ack = ack();
                actions.send(ack);
                assertThatThrownBy(() -> intoAlerts.send(ack))
                        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            }
            assertThat(kafka.readAllCommitted("alert-actions"))
                    .extracting(r -> r.value())
                    .containsExactly(AlertActionJson.write(ack()));
            assertThat(kafka.readAllCommitted("alerts")).isEmpty();
        }
    }

    private static AlertAction ack() {
        return new AlertAction(
                1, "p-000001", "a-1", AlertAction.Kind.ACKNOWLEDGE, null, "c-0001", AT);
    }

    /** What the job would publish, written by the broker's admin. */
    private static void publishStatusAsAdmin(EmbeddedKafka kafka, KafkaSecurity security)
            throws Exception {
        PatientStatus status =
                new PatientStatus(
                        1,
                        "p-000001",
                        Limb.ARM,
                        Side.LEFT,
                        StatusLevel.OK,
                        AT,
                        AT,
                        AT.plusDays(1),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of());
        Map<String, Object> admin = new HashMap<>(security.clientProperties(KafkaSecurity.ADMIN));
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(admin, new StringSerializer(), new StringSerializer())) {
            producer.send(
                            new ProducerRecord<>(
                                    "patient-status",
                                    status.patientId(),
                                    PatientStatusJson.write(status)))
                    .get();
        }
    }
}

package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.gateway.Gateway;
import org.lymphwatch.gateway.GatewayConfig;

/** Enrolment, revocation and {@code simulate --gateway} against a running gateway and broker. */
class GatewayCommandsTest {

    private static EmbeddedKafka kafka;
    private static Gateway gateway;
    @TempDir static Path dir;
    private static Path tokens;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        kafka.createCompactedTopic("patients", 1);
        kafka.createTopics(1, "readings");
        kafka.createCompactedTopic("patient-status", 1);
        tokens = dir.resolve("gateway.tokens");
        gateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers(), tokens).build());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        kafka.close();
    }

    @Test
    void simulatedDevicesPostTheCohortThroughTheGateway() throws Exception {
        Path files = dir.resolve("cohort");
        CommandRun r =
                CommandRun.of(
                        "simulate",
                        "--patients",
                        "5",
                        "--days",
                        "30",
                        "--seed",
                        "3",
                        "--no-faults",
                        "--out",
                        files.toString(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--gateway",
                        gateway.url(),
                        "--tokens",
                        tokens.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<String> readings = Files.readAllLines(files.resolve("readings.jsonl"));
        List<ConsumerRecord<String, String>> records =
                kafka.readCommitted(
                        "readings",
                        readings.size(),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500));
        // The other test here posts for p-000042; the cohort's patients are p-000001 to 5.
        assertThat(records)
                .filteredOn(rec -> !rec.key().equals("p-000042"))
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(readings);
        assertThat(kafka.readCommitted("patients", 5, Duration.ofSeconds(30), Duration.ZERO))
                .hasSize(5);
        assertThat(r.out()).contains(readings.size() + " readings stored");
        assertThat(Files.readString(tokens)).doesNotContain("lw.");
    }

    @Test
    void anEnrolledDeviceTokenWorksOnceAndNotAfterRevocation() throws Exception {
        CommandRun enrol =
                CommandRun.of(
                        "enrol-device",
                        "--patient",
                        "p-000042",
                        "--device",
                        "perometer-42",
                        "--tokens",
                        tokens.toString());
        String token = enrol.out().strip();

        assertThat(enrol.code()).isZero();
        assertThat(token).startsWith("lw.");
        assertThat(Files.readString(tokens)).doesNotContain(token.substring(16));
        assertThat(post(token)).isEqualTo(202);

        CommandRun revoke =
                CommandRun.of("revoke", "--device", "perometer-42", "--tokens", tokens.toString());

        assertThat(revoke.code()).isZero();
        assertThat(post(token)).isEqualTo(401);
        assertThat(
                        CommandRun.of(
                                        "revoke",
                                        "--device",
                                        "perometer-42",
                                        "--tokens",
                                        tokens.toString())
                                .code())
                .isEqualTo(Lymphwatch.BAD_INPUT);
        assertThat(
                        CommandRun.of(
                                        "enrol-patient",
                                        "--patient",
                                        "Jane Doe",
                                        "--tokens",
                                        tokens.toString())
                                .code())
                .isEqualTo(Lymphwatch.BAD_INPUT);
    }

    @Test
    void aGatewayConfigWithoutKafkaIsBadInput() throws Exception {
        Path config = dir.resolve("gateway.properties");
        Files.writeString(config, "gateway.tokens=" + tokens + "\n");

        CommandRun r = CommandRun.of("gateway", "--config", config.toString());

        assertThat(r.code()).isEqualTo(Lymphwatch.BAD_INPUT);
        assertThat(r.err()).contains("kafka.bootstrap.servers");
    }

    private static int post(String token) throws Exception {
        String reading =
                "{\"schema\":1,\"readingId\":\"r-cli-"
                        + System.nanoTime()
                        + "\",\"patientId\":\"p-000042\",\"deviceId\":\"perometer-42\","
                        + "\"measuredAt\":\"2026-01-05T08:00:00Z\",\"kind\":\"CONTEXT\","
                        + "\"fever\":true}";
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/readings"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(reading))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}

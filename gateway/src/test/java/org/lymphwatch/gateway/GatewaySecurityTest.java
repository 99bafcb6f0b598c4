package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.gateway.Credential.Kind;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.model.StatusLevel;

/**
 * Every access rule of the gateway, over real HTTP against a real broker: who may write which
 * readings, who may read which status, and what the gateway refuses and how it answers.
 */
class GatewaySecurityTest {

    private static final String READINGS = "readings";
    private static final String STATUS = "patient-status";

    private static EmbeddedKafka kafka;
    @TempDir static Path dir;
    private static Path tokens;
    private static Gateway gateway;
    private static GatewayClient client;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(3, READINGS);
        kafka.createCompactedTopic(STATUS, 3);
        tokens = dir.resolve("gateway.tokens");
        gateway =
                Gateway.start(
                        GatewayConfig.builder(kafka.bootstrapServers(), tokens)
                                .limits(50, 16 * 1024, 120)
                                .build());
        client = new GatewayClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        kafka.close();
    }

    private static String reading(String readingId, String patientId, double volumeMl) {
        return "{\"schema\":1,\"readingId\":\""
                + readingId
                + "\",\"patientId\":\""
                + patientId
                + "\",\"deviceId\":\"perometer-0001\",\"measuredAt\":\""
                + OffsetDateTime.now(ZoneOffset.ofHours(1))
                        .minusHours(1)
                        .truncatedTo(ChronoUnit.SECONDS)
                + "\",\"kind\":\"LIMB_VOLUME\",\"limb\":\"ARM\",\"side\":\"LEFT\","
                + "\"volumeMl\":"
                + volumeMl
                + ",\"method\":\"PEROMETER\"}";
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private static List<ConsumerRecord<String, String>> onTopicWithId(String readingId) {
        return kafka
                .readCommitted(READINGS, Integer.MAX_VALUE, Duration.ZERO, Duration.ofSeconds(1))
                .stream()
                .filter(r -> r.value().contains("\"" + readingId + "\""))
                .toList();
    }

    @Test
    void anAcceptedReadingIsOnTheTopicOnceAndItsResendIsADuplicate() throws Exception {
        String token = TokenStore.enrolDevice(tokens, "perometer-a1", "p-000001");
        String body = reading("r-accept-1", "p-000001", 2450.0);

        HttpResponse<String> first = client.post("/v1/readings", token, body);
        HttpResponse<String> again = client.post("/v1/readings", token, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(json(first).at("/results/0/status").asText()).isEqualTo("ACCEPTED");
        assertThat(json(first).at("/results/0/readingId").asText()).isEqualTo("r-accept-1");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).at("/results/0/status").asText()).isEqualTo("DUPLICATE");
        List<ConsumerRecord<String, String>> records = onTopicWithId("r-accept-1");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("p-000001");
        assertThat(records.get(0).value()).isEqualTo(body);
    }

    @Test
    void aBatchIsAnsweredPerReadingWithTheValidatorsReason() throws Exception {
        String token = TokenStore.enrolDevice(tokens, "perometer-a2", "p-000002");
        String body =
                "["
                        + reading("r-batch-1", "p-000002", 2450.0)
                        + ","
                        + reading("r-batch-2", "p-000002", -5.0)
                        + ","
                        + "{\"schema\":1,\"readingId\":\"r-batch-3\"}"
                        + ","
                        + reading("r-batch-1", "p-000002", 2450.0)
                        + "]";

        HttpResponse<String> r = client.post("/v1/readings", token, body);

        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode results = json(r).get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(results.get(1).get("status").asText()).isEqualTo("REJECTED");
        assertThat(results.get(1).get("reason").asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(results.get(2).get("reason").asText()).isEqualTo("MISSING_FIELD");
        assertThat(results.get(2).get("readingId").asText()).isEqualTo("r-batch-3");
        assertThat(results.get(3).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(onTopicWithId("r-batch-1")).hasSize(1);
        assertThat(onTopicWithId("r-batch-2")).isEmpty();
    }

    @Test
    void withoutATokenTheGatewayAnswers401() {
        HttpResponse<String> r =
                client.post("/v1/readings", null, reading("r-none", "p-000003", 2450.0));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(onTopicWithId("r-none")).isEmpty();
    }

    @Test
    void aWrongTokenIsRefusedWith401() {
        String token = TokenStore.enrolDevice(tokens, "perometer-a4", "p-000004");
        // Right key id, wrong secret; and a made-up token of the right shape.
        String wrongSecret = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(43);
        String madeUp = "lw.0123456789ab." + "B".repeat(43);

        assertThat(
                        client.post("/v1/readings", wrongSecret, reading("r-w", "p-000004", 2450))
                                .statusCode())
                .isEqualTo(401);
        assertThat(
                        client.post("/v1/readings", madeUp, reading("r-w", "p-000004", 2450))
                                .statusCode())
                .isEqualTo(401);
        assertThat(onTopicWithId("r-w")).isEmpty();
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestOn() {
        String token = TokenStore.enrolDevice(tokens, "perometer-a5", "p-000005");
        assertThat(
                        client.post("/v1/readings", token, reading("r-rev-1", "p-000005", 2450))
                                .statusCode())
                .isEqualTo(202);

        assertThat(TokenStore.revoke(tokens, Kind.DEVICE, "perometer-a5")).isEqualTo(1);

        assertThat(
                        client.post("/v1/readings", token, reading("r-rev-2", "p-000005", 2450))
                                .statusCode())
                .isEqualTo(401);
        assertThat(onTopicWithId("r-rev-2")).isEmpty();
    }

    @Test
    void aReadingForAnotherPatientIsRefusedWith403AndCountedAndNothingOfTheRequestIsWritten()
            throws Exception {
        String token = TokenStore.enrolDevice(tokens, "perometer-a6", "p-000006");
        long before = gateway.counter(GatewayMetrics.FOREIGN_PATIENT);
        String body =
                "["
                        + reading("r-own-6", "p-000006", 2450.0)
                        + ","
                        + reading("r-foreign-6", "p-000099", 2450.0)
                        + "]";

        HttpResponse<String> r = client.post("/v1/readings", token, body);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(gateway.counter(GatewayMetrics.FOREIGN_PATIENT)).isEqualTo(before + 1);
        assertThat(onTopicWithId("r-own-6")).isEmpty();
        assertThat(onTopicWithId("r-foreign-6")).isEmpty();
        assertThat(client.get("/metrics", null).body())
                .contains(GatewayMetrics.FOREIGN_PATIENT + " " + (before + 1))
                .doesNotContain("p-0000");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String token = TokenStore.enrolDevice(tokens, "perometer-a7", "p-000007");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; body.length() < 20 * 1024; i++) {
            body.append(i == 0 ? "" : ",").append(reading("r-big-" + i, "p-000007", 2450));
        }
        body.append(']');

        HttpResponse<String> r = client.post("/v1/readings", token, body.toString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(onTopicWithId("r-big-0")).isEmpty();
    }

    @Test
    void anOversizedBodyWithoutContentLengthIsRefusedWith413() throws Exception {
        String token = TokenStore.enrolDevice(tokens, "perometer-a7c", "p-000007");
        byte[] body =
                ("["
                                + reading("r-chunked-0", "p-000007", 2450)
                                + ",\""
                                + "x".repeat(20_000)
                                + "\"]")
                        .getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpRequest request =
                HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/readings"))
                        .header("Authorization", "Bearer " + token)
                        .POST(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(body)))
                        .build();

        HttpResponse<String> r =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(onTopicWithId("r-chunked-0")).isEmpty();
    }

    @Test
    void aBatchOfTooManyReadingsIsRefusedWith413() {
        String token = TokenStore.enrolDevice(tokens, "perometer-a8", "p-000008");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            body.append(i == 0 ? "" : ",").append("{}");
        }
        body.append(']');

        assertThat(client.post("/v1/readings", token, body.toString()).statusCode()).isEqualTo(413);
    }

    @Test
    void malformedJsonIsRefusedWith400() {
        String token = TokenStore.enrolDevice(tokens, "perometer-a9", "p-000009");
        String valid = reading("r-mal-9", "p-000009", 2450);

        assertThat(client.post("/v1/readings", token, "[" + valid).statusCode()).isEqualTo(400);
        assertThat(client.post("/v1/readings", token, "\"a string\"").statusCode()).isEqualTo(400);
        assertThat(client.post("/v1/readings", token, valid + valid).statusCode()).isEqualTo(400);
        assertThat(onTopicWithId("r-mal-9")).isEmpty();
    }

    @Test
    void tooManyRequestsFromOneDeviceAreRefusedWith429AndRetryAfter() {
        try (Gateway strict =
                Gateway.start(
                        GatewayConfig.builder(kafka.bootstrapServers(), tokens)
                                .limits(50, 16 * 1024, 3)
                                .build())) {
            GatewayClient c = new GatewayClient(strict.url());
            String token = TokenStore.enrolDevice(tokens, "perometer-a10", "p-000010");
            String other = TokenStore.enrolDevice(tokens, "perometer-b10", "p-000010");
            for (int i = 0; i < 3; i++) {
                assertThat(
                                c.post(
                                                "/v1/readings",
                                                token,
                                                reading("r-rl-" + i, "p-000010", 2450))
                                        .statusCode())
                        .isEqualTo(202);
            }

            HttpResponse<String> fourth =
                    c.post("/v1/readings", token, reading("r-rl-3", "p-000010", 2450));

            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
            assertThat(onTopicWithId("r-rl-3")).isEmpty();
            // The limit is per device: another device of the same patient still gets through.
            assertThat(
                            c.post("/v1/readings", other, reading("r-rl-b", "p-000010", 2450))
                                    .statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void aPatientReadsOnlyTheirOwnStatusAndTokensOnlyOpenTheirOwnRoutes() throws Exception {
        publishStatus(status("p-000011", StatusLevel.OK, null));
        publishStatus(
                status(
                        "p-000012",
                        StatusLevel.URGENT,
                        "Left arm rose 6 points within days: contact your provider."));
        String patient11 = TokenStore.enrolPatient(tokens, "p-000011");
        String patient12 = TokenStore.enrolPatient(tokens, "p-000012");
        String device11 = TokenStore.enrolDevice(tokens, "perometer-a11", "p-000011");

        JsonNode own11 = awaitStatus(patient11, "OK");
        JsonNode own12 = awaitStatus(patient12, "URGENT");

        assertThat(own11.get("patientId").asText()).isEqualTo("p-000011");
        assertThat(own11.toString()).doesNotContain("p-000012").doesNotContain("6 points");
        assertThat(own11.get("callYourProviderWhen")).isNotEmpty();
        assertThat(own11.get("pauseSelfMassageWhen").toString()).contains("fever");
        assertThat(own12.get("summary").asText()).contains("Contact your provider today");
        assertThat(own12.at("/alerts/0/message").asText()).contains("6 points");
        assertThat(own12.get("nextMeasurement").asText()).isNotBlank();
        // A device token cannot read a status; a patient token cannot post readings.
        assertThat(client.get("/v1/me/status", device11).statusCode()).isEqualTo(403);
        assertThat(
                        client.post("/v1/readings", patient11, reading("r-pt", "p-000011", 2450))
                                .statusCode())
                .isEqualTo(403);
        assertThat(client.get("/v1/me/status", null).statusCode()).isEqualTo(401);
    }

    @Test
    void healthAndMetricsAnswerWithoutATokenAndWithoutPatientData() {
        HttpResponse<String> health = client.get("/health", null);
        HttpResponse<String> metrics = client.get("/metrics", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).doesNotContain("p-0000").doesNotContain("perometer-");
    }

    @Test
    void aReadingJustWrittenShowsOnThePatientsAppUntilTheStatusIncludesIt() throws Exception {
        String patient = TokenStore.enrolPatient(tokens, "p-000013");
        String device = TokenStore.enrolDevice(tokens, "perometer-a13", "p-000013");
        publishStatus(status("p-000013", StatusLevel.OK, null));
        assertThat(awaitStatus(patient, "OK").has("received")).isFalse();
        String body = reading("r-received-1", "p-000013", 2450);
        OffsetDateTime measuredAt =
                OffsetDateTime.parse(Json.mapper().readTree(body).get("measuredAt").asText());

        assertThat(client.post("/v1/readings", device, body).statusCode()).isEqualTo(202);
        JsonNode received = json(client.get("/v1/me/status", patient));

        assertThat(received.get("level").asText()).isEqualTo("OK");
        assertThat(received.get("lastMeasuredAt").asText()).isEqualTo("2026-06-03T08:00:00+02:00");
        assertThat(OffsetDateTime.parse(received.get("lastReceivedAt").asText()))
                .isAtSameInstantAs(measuredAt);
        assertThat(received.get("received").asText())
                .contains(measuredAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        // The job's next status includes the reading: the app no longer mentions it apart.
        publishStatus(PatientStatuses.of("p-000013", StatusLevel.OK, null, measuredAt));
        JsonNode included =
                awaitStatus(
                        patient,
                        n ->
                                OffsetDateTime.parse(n.get("lastMeasuredAt").asText())
                                        .isEqual(measuredAt));
        assertThat(OffsetDateTime.parse(included.get("lastMeasuredAt").asText()))
                .isAtSameInstantAs(measuredAt);
        assertThat(included.has("received")).isFalse();
    }

    private static JsonNode awaitStatus(String token, String level) throws Exception {
        JsonNode n = awaitStatus(token, s -> level.equals(s.path("level").asText()));
        assertThat(n.path("level").asText()).isEqualTo(level);
        return n;
    }

    /** The patient's status once it satisfies {@code wanted}, or the last one after 20 s. */
    private static JsonNode awaitStatus(String token, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> r = client.get("/v1/me/status", token);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode n = json(r);
            if (wanted.test(n) || System.nanoTime() > deadline) {
                return n;
            }
            Thread.sleep(100);
        }
    }

    private static PatientStatus status(String patientId, StatusLevel level, String message) {
        return PatientStatuses.of(
                patientId, level, message, OffsetDateTime.parse("2026-06-03T08:00:00+02:00"));
    }

    private static void publishStatus(PatientStatus s) {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(new ProducerRecord<>(STATUS, s.patientId(), PatientStatusJson.write(s)));
        }
    }
}

package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.Validation;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.Delivery;
import org.lymphwatch.simulators.Fault;
import org.lymphwatch.simulators.GatewayPublisher;

/**
 * A simulated cohort's devices post through the gateway to a real broker, with the faults of real
 * life: duplicate deliveries, backlogs after offline spells, malformed messages, answers lost on
 * the way back (the device re-sends), and the broker going down mid-run. Whatever happens, a
 * reading the gateway acknowledged is on {@code readings}, and after de-duplication by readingId
 * the topic holds every valid reading exactly once.
 */
class DevicesThroughGatewayTest {

    private static final CohortConfig COHORT = CohortConfig.of(20, 60, 14L);

    private static EmbeddedKafka kafka;
    @TempDir static Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(3, GatewayConfig.READINGS_TOPIC);
        kafka.createCompactedTopic(GatewayConfig.STATUS_TOPIC, 1);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void everyAcknowledgedReadingIsOnTheTopicOnceDespiteLostAnswersAndABrokerOutage()
            throws Exception {
        Path tokens = dir.resolve("gateway.tokens");
        Map<String, String> tokenOfDevice =
                TokenStore.enrolDevices(
                        tokens, GatewayPublisher.devices(CohortGenerator.stream(COHORT)));
        List<Delivery> deliveries = CohortGenerator.generate(COHORT).arrivals();
        Set<String> valid = validReadingIds(deliveries);
        GatewayConfig config =
                GatewayConfig.builder(kafka.bootstrapServers(), tokens)
                        .limits(500, 512 * 1024, 100_000)
                        .sendTimeout(Duration.ofSeconds(2))
                        .build();

        GatewayPublisher.Report report;
        try (Gateway gateway = Gateway.start(config)) {
            Thread outage = brokerOutageOnceAThirdIsAccepted(gateway, valid.size());
            report =
                    new GatewayPublisher(
                                    URI.create(gateway.url()),
                                    tokenOfDevice,
                                    new GatewayPublisher.Options(
                                            8, 0.05, 500, Duration.ofSeconds(1), 3))
                            .publish(CohortGenerator.stream(COHORT), 0, (messages, at, done) -> {});
            outage.join();
            assertThat(gateway.counter(GatewayMetrics.KAFKA_UNAVAILABLE))
                    .as("requests answered 503 during the outage")
                    .isPositive();
        }

        assertThat(report.lostAnswers()).isPositive();
        assertThat(report.retries()).isPositive();
        assertThat(report.duplicate()).isPositive();
        assertThat(report.refused())
                .as("truncated messages are refused as a whole request (400)")
                .isEqualTo(deliveries.stream().filter(d -> d.has(Fault.TRUNCATED)).count());
        assertThat(report.stored()).isEqualTo(valid);

        List<ConsumerRecord<String, String>> records =
                kafka.readCommitted(
                        GatewayConfig.READINGS_TOPIC,
                        valid.size(),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(2));
        Map<String, Set<String>> copies = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            String readingId = Json.mapper().readTree(r.value()).get("readingId").asText();
            String patientId = Json.mapper().readTree(r.value()).get("patientId").asText();
            assertThat(r.key()).isEqualTo(patientId);
            copies.computeIfAbsent(readingId, k -> new java.util.HashSet<>()).add(r.value());
        }
        assertThat(copies.keySet()).as("distinct readings on the topic").isEqualTo(valid);
        assertThat(copies.values())
                .as("every copy of a reading carries the same message")
                .allSatisfy(c -> assertThat(c).hasSize(1));
    }

    /** The ids of the readings the validator accepts now, as the gateway validates them. */
    private static Set<String> validReadingIds(List<Delivery> deliveries) {
        ReadingValidator validator = new ReadingValidator();
        Instant now = Instant.now();
        return deliveries.stream()
                .map(d -> validator.validate(d.message(), now))
                .filter(v -> v instanceof Validation.Accepted)
                .map(v -> ((Validation.Accepted) v).reading().readingId())
                .collect(Collectors.toSet());
    }

    private static Thread brokerOutageOnceAThirdIsAccepted(Gateway gateway, int expected) {
        Thread t =
                new Thread(
                        () -> {
                            String accepted =
                                    GatewayMetrics.readings(ReadingIntake.Status.ACCEPTED);
                            try {
                                while (gateway.counter(accepted) < expected / 3) {
                                    Thread.sleep(20);
                                }
                                kafka.stop();
                                kafka.start(Duration.ofSeconds(4));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "broker-outage");
        t.start();
        return t;
    }
}

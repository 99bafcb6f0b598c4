package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.model.PatientJson;

/** Publishing against a real broker (KRaft, in this JVM). */
class KafkaPublisherTest {

    private static final CohortConfig COHORT = CohortConfig.of(20, 60, 5L);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void publishesEveryPatientThenEveryMessageInArrivalOrderKeyedByPatient() throws Exception {
        kafka.createCompactedTopic("patients-a", 1);
        kafka.createTopics(1, "readings-a");
        Instant before = Instant.now();

        long published = publish("patients-a", "readings-a", 0);

        Cohort cohort = CohortGenerator.generate(COHORT);
        List<ConsumerRecord<String, String>> patients = consume("patients-a", COHORT.patients());
        assertThat(patients)
                .extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(
                        cohort.patientRecords().stream().map(PatientJson::write).toList());
        assertThat(patients).allSatisfy(r -> assertThat(r.value()).contains(r.key()));

        List<ConsumerRecord<String, String>> readings =
                consume("readings-a", cohort.arrivals().size());
        assertThat(published).isEqualTo(cohort.arrivals().size());
        assertThat(readings)
                .extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(
                        cohort.arrivals().stream().map(Delivery::message).toList());
        assertThat(readings)
                .extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(
                        cohort.arrivals().stream().map(d -> d.reading().patientId()).toList());
        // As fast as possible: stamped now, so device clocks are judged against the wall clock.
        assertThat(readings)
                .allSatisfy(
                        r ->
                                assertThat(r.timestamp())
                                        .isGreaterThanOrEqualTo(before.toEpochMilli()));
    }

    @Test
    void pacedPublishingStampsEachMessageWithItsArrivalTime() throws Exception {
        kafka.createCompactedTopic("patients-b", 1);
        kafka.createTopics(1, "readings-b");

        double speed = 1e7;
        long started = System.nanoTime();

        publish("patients-b", "readings-b", speed);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<Delivery> arrivals = CohortGenerator.generate(COHORT).arrivals();
        // Paced: the last message waits until its simulated arrival, scaled (here under a second).
        Duration span =
                Duration.between(
                        arrivals.get(0).arrivalAt(), arrivals.get(arrivals.size() - 1).arrivalAt());
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofNanos((long) (span.toNanos() / speed)));
        assertThat(consume("readings-b", arrivals.size()))
                .extracting(ConsumerRecord::timestamp)
                .containsExactlyElementsOf(
                        arrivals.stream().map(d -> d.arrivalAt().toEpochMilli()).toList());
    }

    @Test
    void anAddressThatDoesNotResolveIsNamedInTheError() {
        assertThatThrownBy(() -> new KafkaPublisher("no-such-host.invalid:9092"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-host.invalid:9092")
                .hasMessageContaining("resolvable");
    }

    @Test
    void aBrokerThatDoesNotAnswerFailsAfterOneWaitNotOnePerMessage() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long started = System.nanoTime();

        try (KafkaPublisher publisher =
                new KafkaPublisher(
                        "localhost:" + closedPort,
                        "patients-c",
                        "readings-c",
                        Duration.ofSeconds(1))) {
            assertThatThrownBy(
                            () ->
                                    publisher.publish(
                                            CohortGenerator.stream(COHORT), 0, (m, t, done) -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("localhost:" + closedPort);
        }

        // One wait of a second, not one for each of the 20 patients.
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(10));
    }

    private static long publish(String patients, String readings, double speed)
            throws InterruptedException {
        List<Long> progress = new ArrayList<>();
        List<Boolean> done = new ArrayList<>();
        try (KafkaPublisher publisher =
                new KafkaPublisher(kafka.bootstrapServers(), patients, readings)) {
            long published =
                    publisher.publish(
                            CohortGenerator.stream(COHORT),
                            speed,
                            (messages, simulated, finished) -> {
                                progress.add(messages);
                                done.add(finished);
                            });
            assertThat(progress).last().isEqualTo(published);
            assertThat(done).containsOnlyOnce(true).last().isEqualTo(true);
            return published;
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        return kafka.readCommitted(topic, expected, Duration.ofSeconds(30), Duration.ofMillis(500));
    }
}

package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;

/** {@code simulate --kafka} against a real broker (KRaft, in this JVM). */
class SimulateCommandKafkaTest {

    private static EmbeddedKafka kafka;

    @TempDir Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        kafka.createCompactedTopic("patients", 1);
        kafka.createTopics(1, "readings");
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void pacedPublishingSendsTheFileContentsWithSimulatedRecordTimesAndAProgressLine()
            throws Exception {
        CommandRun run =
                CommandRun.of(
                        "simulate",
                        "--patients",
                        "6",
                        "--days",
                        "40",
                        "--seed",
                        "3",
                        "--start",
                        "2024-03-04",
                        "--out",
                        dir.toString(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--speed",
                        "1e7");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> patients = Files.readAllLines(dir.resolve("patients.jsonl"));
        List<String> readings = Files.readAllLines(dir.resolve("readings.jsonl"));
        assertThat(consume("patients", patients.size()))
                .extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(patients);
        List<ConsumerRecord<String, String>> records = consume("readings", readings.size());
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(readings);
        // Paced: record times are simulated arrival times within the cohort's period, not now.
        long from = LocalDate.of(2024, 3, 4).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000;
        long to = from + Duration.ofDays(28 + 40 + 30).toMillis();
        assertThat(records).allSatisfy(r -> assertThat(r.timestamp()).isBetween(from, to));
        assertThat(run.err())
                .contains("\rpublished " + readings.size() + " readings, simulated time 2024-")
                .contains("(100%)");
        assertThat(run.out())
                .contains(
                        "published "
                                + patients.size()
                                + " patients and "
                                + readings.size()
                                + " readings to "
                                + kafka.bootstrapServers());
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        return kafka.readCommitted(topic, expected, Duration.ofSeconds(30), Duration.ofMillis(500));
    }
}

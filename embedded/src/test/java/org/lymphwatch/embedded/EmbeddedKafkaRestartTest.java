package org.lymphwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** An outage: the broker stops and comes back on the same port with the same log directory. */
class EmbeddedKafkaRestartTest {

    @Test
    void aRestartedBrokerKeepsItsRecordsAndTheSameProducerGoesOn() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                KafkaProducer<String, String> producer =
                        new KafkaProducer<>(
                                Map.of(
                                        "bootstrap.servers",
                                        kafka.bootstrapServers(),
                                        "acks",
                                        "all",
                                        "enable.idempotence",
                                        true),
                                new StringSerializer(),
                                new StringSerializer())) {
            kafka.createTopics(1, "outage");
            producer.send(new ProducerRecord<>("outage", "p-1", "before"))
                    .get(30, TimeUnit.SECONDS);

            kafka.stop();
            kafka.start(Duration.ofSeconds(1));
            producer.send(new ProducerRecord<>("outage", "p-1", "after")).get(60, TimeUnit.SECONDS);

            List<ConsumerRecord<String, String>> records =
                    kafka.readCommitted("outage", 2, Duration.ofSeconds(30), Duration.ZERO);
            assertThat(records)
                    .extracting(ConsumerRecord::value)
                    .containsExactly("before", "after");
        }
    }
}

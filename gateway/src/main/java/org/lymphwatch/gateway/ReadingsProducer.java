package org.lymphwatch.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes readings to the {@code readings} topic (key patientId) and says, per reading, whether
 * Kafka acknowledged it within the send timeout. acks=all with the idempotent producer: an
 * acknowledged reading is on every in-sync replica, and the producer's own retries never write it
 * twice. A reading that was not acknowledged in time may still be written later; the device then
 * re-sends it and the job drops the second copy by readingId.
 */
final class ReadingsProducer implements AutoCloseable {

    /** One reading to write. */
    record Outgoing(String patientId, String json) {}

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Duration sendTimeout;
    private volatile boolean lastSendFailed;

    ReadingsProducer(Map<String, String> kafka, String topic, Duration sendTimeout) {
        this.topic = topic;
        this.sendTimeout = sendTimeout;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // Bounded waits while the broker is away: send() blocks for metadata at most this long,
        // and a queued batch expires after it, so a request never hangs.
        int timeout = (int) sendTimeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "lymphwatch-gateway");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * @return for each reading, in order, whether Kafka acknowledged it within the send timeout
     */
    boolean[] write(List<Outgoing> readings) {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(readings.size());
        boolean[] acknowledged = new boolean[readings.size()];
        try {
            for (Outgoing r : readings) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.patientId(), r.json())));
            }
        } catch (KafkaException e) {
            // Metadata not available within max.block.ms: the broker is away. What was queued
            // before may still be written; it is not acknowledged.
            lastSendFailed = true;
        }
        boolean failed = sent.size() < readings.size();
        for (int i = 0; i < sent.size(); i++) {
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                sent.get(i).get(wait, TimeUnit.NANOSECONDS);
                acknowledged[i] = true;
            } catch (ExecutionException | TimeoutException e) {
                failed = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = true;
                break;
            }
        }
        lastSendFailed = failed;
        return acknowledged;
    }

    /** Whether the latest write found Kafka unreachable (for {@code /health}). */
    boolean kafkaUnreachable() {
        return lastSendFailed;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

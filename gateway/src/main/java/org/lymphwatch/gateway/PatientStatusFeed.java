package org.lymphwatch.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lymphwatch.model.InvalidMessage;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest {@link PatientStatus} of every patient, followed from the compacted {@code
 * patient-status} topic from its beginning on a thread of its own. read_committed, because the job
 * writes the topic in transactions: an aborted status never reaches a patient.
 */
final class PatientStatusFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PatientStatusFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, PatientStatus> latest = new ConcurrentHashMap<>();
    private final LongAdder unreadable = new LongAdder();
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;

    PatientStatusFeed(Map<String, String> kafka, String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "lymphwatch-gateway-status");
        this.consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::follow, "patient-status-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** The patient's latest status, or null when the job has published none yet. */
    PatientStatus of(String patientId) {
        return latest.get(patientId);
    }

    /** Status records that broke the contract and were skipped. */
    long unreadable() {
        return unreadable.sum();
    }

    private void follow() {
        try {
            while (running && !assign()) {
                Thread.sleep(POLL.toMillis());
            }
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    apply(r);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // Closing.
        } catch (RuntimeException e) {
            LOG.error("following {} stopped: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Assigns every partition once the topic exists (the job may create it after we start). */
    private boolean assign() {
        List<TopicPartition> partitions;
        try {
            partitions =
                    consumer.partitionsFor(topic, POLL).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        }
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.key() == null) {
            unreadable.increment();
            return;
        }
        if (r.value() == null) {
            latest.remove(r.key());
            return;
        }
        try {
            PatientStatus s = PatientStatusJson.read(r.value());
            if (s.patientId().equals(r.key())) {
                latest.put(s.patientId(), s);
            } else {
                unreadable.increment();
            }
        } catch (InvalidMessage e) {
            unreadable.increment();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

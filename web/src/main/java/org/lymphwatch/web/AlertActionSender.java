package org.lymphwatch.web;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertActionJson;

/**
 * Publishes clinicians' actions to {@code alert-actions}, keyed by patientId so the job routes them
 * to the patient's monitor, and answers only after the broker has acknowledged the record: a
 * clinician who sees "sent" can rely on the job getting it.
 */
final class AlertActionSender implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    /**
     * @param client Kafka client settings (security); the delivery settings here win
     */
    AlertActionSender(String bootstrap, Map<String, String> client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "lymphwatch-web-actions");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.topic = topic;
    }

    /**
     * @throws IllegalStateException if the broker did not acknowledge the action in time
     */
    void send(AlertAction action) throws InterruptedException {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    topic, action.patientId(), AlertActionJson.write(action)))
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the action", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

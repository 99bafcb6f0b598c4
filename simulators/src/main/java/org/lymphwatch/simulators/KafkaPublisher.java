package org.lymphwatch.simulators;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;

/**
 * Publishes a cohort to Kafka: every patient to {@code patients}, then every message to {@code
 * readings} in arrival order, keyed by patient id. Paced, a message's record time is its simulated
 * arrival time, so the pipeline judges device clocks as it would have then; as fast as possible,
 * the record time is now.
 */
public final class KafkaPublisher implements AutoCloseable {

    public static final String PATIENTS_TOPIC = "patients";
    public static final String READINGS_TOPIC = "readings";

    /** Told about progress about once a second, and once at the end. */
    public interface Progress {
        /**
         * @param simulatedTime arrival time of the last message published, null before the first
         * @param done whether every message has been published and acknowledged
         */
        void published(long messages, Instant simulatedTime, boolean done);
    }

    private static final long PROGRESS_NANOS = Duration.ofSeconds(1).toNanos();

    /** Kafka's default: how long a send waits for an unreachable broker before it fails. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String patientsTopic;
    private final String readingsTopic;
    private final KafkaProducer<String, String> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onFailure =
            (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            };

    public KafkaPublisher(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /**
     * @param clientSettings further Kafka producer settings, e.g. {@code security.protocol}, {@code
     *     sasl.jaas.config} and the trust store for a SASL_SSL cluster
     */
    public KafkaPublisher(String bootstrapServers, Map<String, String> clientSettings) {
        this(bootstrapServers, clientSettings, PATIENTS_TOPIC, READINGS_TOPIC, MAX_BLOCK);
    }

    /**
     * @throws IllegalStateException when no producer can be made, e.g. the host does not resolve
     */
    public KafkaPublisher(String bootstrapServers, String patientsTopic, String readingsTopic) {
        this(bootstrapServers, Map.of(), patientsTopic, readingsTopic, MAX_BLOCK);
    }

    /**
     * @param maxBlock how long a send may wait for a broker that does not answer
     */
    KafkaPublisher(
            String bootstrapServers,
            String patientsTopic,
            String readingsTopic,
            Duration maxBlock) {
        this(bootstrapServers, Map.of(), patientsTopic, readingsTopic, maxBlock);
    }

    private KafkaPublisher(
            String bootstrapServers,
            Map<String, String> clientSettings,
            String patientsTopic,
            String readingsTopic,
            Duration maxBlock) {
        this.bootstrapServers = bootstrapServers;
        this.patientsTopic = patientsTopic;
        this.readingsTopic = readingsTopic;
        try {
            this.producer = producer(bootstrapServers, clientSettings, maxBlock);
        } catch (KafkaException e) {
            // "Failed to construct kafka producer" says less than its cause.
            Throwable why = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot publish to Kafka at " + bootstrapServers + ": " + why.getMessage(), e);
        }
    }

    private static KafkaProducer<String, String> producer(
            String bootstrapServers, Map<String, String> clientSettings, Duration maxBlock) {
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "lymphwatch-simulator");
        config.putAll(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        maxBlock.toMillis()));
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * @param speed simulated seconds per real second, or 0 for as fast as possible
     * @return the number of messages published to {@code readings}
     * @throws IllegalStateException when Kafka did not take a message
     */
    public long publish(CohortStream cohort, double speed, Progress progress)
            throws InterruptedException {
        try {
            // Readings must not overtake the patients they refer to.
            publishPatients(cohort);
            return publishReadings(cohort, speed, progress);
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "cannot publish to Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes the cohort's patients only and returns once Kafka took them all (the readings then
     * go another way, e.g. through the gateway).
     *
     * @throws IllegalStateException when Kafka did not take a patient
     */
    public void publishPatients(CohortStream cohort) {
        try {
            for (Patient p : cohort.patients()) {
                send(patientsTopic, null, p.patientId(), PatientJson.write(p));
            }
            producer.flush();
            checkDelivered();
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "cannot publish to Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private long publishReadings(CohortStream cohort, double speed, Progress progress)
            throws InterruptedException {
        long sent = 0;
        long startNanos = System.nanoTime();
        long nextProgress = startNanos + PROGRESS_NANOS;
        Instant simulatedStart = null;
        Instant simulated = null;
        while (cohort.hasNext()) {
            Delivery d = cohort.next();
            simulated = d.arrivalAt();
            Long timestamp = null;
            if (speed > 0) {
                if (simulatedStart == null) {
                    simulatedStart = simulated;
                }
                waitUntil(startNanos, Duration.between(simulatedStart, simulated), speed);
                timestamp = simulated.toEpochMilli();
            }
            send(readingsTopic, timestamp, d.reading().patientId(), d.message());
            sent++;
            if (System.nanoTime() >= nextProgress) {
                checkDelivered();
                progress.published(sent, simulated, false);
                nextProgress = System.nanoTime() + PROGRESS_NANOS;
            }
        }
        producer.flush();
        checkDelivered();
        progress.published(sent, simulated, true);
        return sent;
    }

    /** A null timestamp lets the producer stamp the record with the current time. */
    private void send(String topic, Long timestamp, String key, String value) {
        // A send that timed out fails through its callback; without this check every further
        // send would wait the full max.block.ms for the same unreachable broker.
        checkDelivered();
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), onFailure);
    }

    private void checkDelivered() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " did not take a message: " + e.getMessage(),
                    e);
        }
    }

    /** Sleeps until {@code simulatedElapsed} has passed in real time at {@code speed}. */
    static void waitUntil(long startNanos, Duration simulatedElapsed, double speed)
            throws InterruptedException {
        long due = startNanos + (long) (simulatedElapsed.toNanos() / speed);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}

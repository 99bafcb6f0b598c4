package org.lymphwatch.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.InvalidMessage;
import org.lymphwatch.model.PatientStatusJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code patient-status} and {@code alerts} from their beginning into the {@link
 * TriageBoard}. No consumer group: every web app instance reads everything, as a view must. It
 * reads committed records only, since the job writes both topics in transactions.
 */
final class BoardFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoardFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, String> consumer;
    private final String statusTopic;
    private final String alertsTopic;
    private final TriageBoard board;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Map<TopicPartition, Long> startEnd;
    private volatile boolean caughtUp;

    /**
     * @param client Kafka client settings (security); the reading settings here win
     */
    BoardFollower(
            String bootstrap,
            Map<String, String> client,
            String statusTopic,
            String alertsTopic,
            TriageBoard board) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "lymphwatch-web-board");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.statusTopic = statusTopic;
        this.alertsTopic = alertsTopic;
        this.board = board;
        this.thread = new Thread(this::run, "board-follower");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once everything on the topics when the app started has been applied. */
    boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            // Kafka may start after the app, or the job may not have created the topics yet.
            while (partitions.isEmpty()) {
                try {
                    partitions = partitionsOf(statusTopic, alertsTopic);
                } catch (TimeoutException e) {
                    LOG.warn("Kafka not reachable yet: {}", e.getMessage());
                }
                if (partitions.isEmpty()) {
                    LOG.info("waiting for topics {} and {}", statusTopic, alertsTopic);
                    Thread.sleep(2000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            startEnd = consumer.endOffsets(partitions);
            long malformed = 0;
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    try {
                        apply(r);
                    } catch (InvalidMessage e) {
                        // The reason names a field, never a value: no patient data in logs.
                        malformed++;
                        LOG.warn(
                                "skipped a malformed record on {} at offset {} ({}); {} so far",
                                r.topic(),
                                r.offset(),
                                e.getMessage(),
                                malformed);
                    }
                }
                if (!caughtUp) {
                    caughtUp =
                            startEnd.entrySet().stream()
                                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the board stopped following Kafka", e);
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.topic().equals(statusTopic)) {
            if (r.value() == null) {
                board.remove(r.key());
            } else {
                board.apply(PatientStatusJson.read(r.value()));
            }
        } else if (r.value() != null) {
            board.apply(AlertJson.read(r.value()));
        }
    }

    private List<TopicPartition> partitionsOf(String... topics) {
        List<TopicPartition> result = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(30));
        for (String topic : topics) {
            List<PartitionInfo> infos = all.get(topic);
            if (infos == null) {
                return List.of();
            }
            infos.forEach(i -> result.add(new TopicPartition(topic, i.partition())));
        }
        return result;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        if (!stopped.await(10, TimeUnit.SECONDS)) {
            LOG.warn("the board follower did not stop within 10 s");
        }
    }
}

package org.lymphwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

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
    void brokerIsReachedOnLoopback() throws Exception {
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        try (Admin admin = admin()) {
            assertThat(admin.describeCluster().nodes().get())
                    .singleElement()
                    .satisfies(node -> assertThat(node.host()).isEqualTo("127.0.0.1"));
        }
    }

    @Test
    void brokerIsNotReachableFromTheNetwork() throws Exception {
        int port = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
        List<InetAddress> external =
                Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .filter(nic -> isUp(nic))
                        .flatMap(NetworkInterface::inetAddresses)
                        .filter(address -> !address.isLoopbackAddress())
                        .toList();
        assumeThat(external).as("a non-loopback address on this machine").isNotEmpty();
        for (InetAddress address : external) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 1000))
                        .as("connect to %s:%d", address, port)
                        .isInstanceOf(IOException.class);
            }
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    @Test
    void idempotentProducerCanWriteToATopicRightAfterItIsCreated() throws Exception {
        // Many small requests in flight at once, right after CreateTopics returns: if the broker
        // were not yet leading the partitions, a refused first batch would come back as
        // OUT_OF_ORDER_SEQUENCE_NUMBER on every retry and expire (KAFKA-15591).
        for (int round = 0; round < 5; round++) {
            String topic = "fresh-" + round;
            kafka.createTopics(2, topic);
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers(),
                                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                    "true",
                                    ProducerConfig.ACKS_CONFIG,
                                    "all",
                                    ProducerConfig.BATCH_SIZE_CONFIG,
                                    "512",
                                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                    "5000",
                                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                    "15000"),
                            new StringSerializer(),
                            new StringSerializer())) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 2), "v" + i)));
                }
                for (Future<?> future : sent) {
                    future.get();
                }
            }
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnlyOnce() throws Exception {
        kafka.createTopics(2, "readings");
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("readings", "p-" + (i % 7), "committed-" + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("readings", "p-1", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }

        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer()) {
            consumer.subscribe(List.of("readings"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < 100 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
            }
            // Anything still in flight would show up now.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> seen.add(record.value()));
        }
        assertThat(seen).hasSize(100).doesNotHaveDuplicates().doesNotContain("aborted");
    }

    @Test
    void compactedTopicIsCreatedWithTheCompactCleanupPolicy() throws Exception {
        kafka.createCompactedTopic("patients", 1);
        try (Admin admin = admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "patients");
            String cleanupPolicy =
                    admin.describeConfigs(Set.of(topic))
                            .all()
                            .get()
                            .get(topic)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value();
            assertThat(cleanupPolicy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void aRestartedBrokerKeepsItsCommittedRecordsAndTakesNewOnes() throws Exception {
        EmbeddedKafka other = EmbeddedKafka.start();
        try {
            other.createTopics(2, "survives");
            try (KafkaProducer<String, String> producer = producer(other)) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("survives", "p-" + (i % 5), "before-" + i))
                            .get();
                }
            }
            other.restart();
            try (KafkaProducer<String, String> producer = producer(other)) {
                producer.send(new ProducerRecord<>("survives", "p-1", "after")).get();
            }
            List<String> values =
                    other.readAllCommitted("survives").stream().map(ConsumerRecord::value).toList();
            assertThat(values).hasSize(51).contains("before-0", "before-49", "after");
        } finally {
            other.close();
        }
    }

    @Test
    void committedOffsetsAreReadAcrossARestartByOneClientThatClosesWithTheBroker()
            throws Exception {
        EmbeddedKafka other = EmbeddedKafka.start();
        String client = other.offsetsClientId();
        try {
            other.createTopics(2, "progress");
            assertThat(other.committed("job", "progress")).isZero();
            commit(other, "job", new TopicPartition("progress", 0), 30);
            commit(other, "job", new TopicPartition("progress", 1), 12);
            assertThat(other.committed("job", "progress")).isEqualTo(42);

            other.restart();
            commit(other, "job", new TopicPartition("progress", 0), 40);

            assertThat(other.committed("job", "progress")).isEqualTo(52);
            assertThat(threadsOf(client)).hasSize(1);
        } finally {
            other.close();
        }
        assertThat(threadsOf(client)).isEmpty();
    }

    /** Commits {@code offset} for the group on one partition, as a consumer would. */
    private static void commit(
            EmbeddedKafka broker, String group, TopicPartition partition, long offset)
            throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset)))
                    .all()
                    .get();
        }
    }

    private static List<Thread> threadsOf(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().endsWith("| " + clientId))
                .toList();
    }

    @Test
    void theBrokerRunsTransactionProtocolVersionOne() throws Exception {
        try (Admin admin = admin()) {
            var finalized = admin.describeFeatures().featureMetadata().get().finalizedFeatures();
            assertThat(finalized.get("transaction.version").maxVersionLevel())
                    .isEqualTo(EmbeddedKafka.TRANSACTION_VERSION);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka broker) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    @Test
    void closeDeletesTheBrokerData() {
        EmbeddedKafka other = EmbeddedKafka.start();
        Path data = other.dataDirectory();
        assertThat(data).isDirectory();

        other.close();

        assertThat(Files.exists(data)).isFalse();
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "embedded-kafka-test",
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        (int) EmbeddedKafka.MAX_TRANSACTION_TIMEOUT.toMillis()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommittedConsumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "embedded-kafka-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}

package org.lymphwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both broker and controller, advertised on
 * 127.0.0.1 with a free port, its logs in a temporary directory that {@link #close()} deletes.
 *
 * <p>Sized for one node: internal topics have one replica and one partition, and the broker allows
 * transactions of up to {@link #MAX_TRANSACTION_TIMEOUT}, so a Flink EXACTLY_ONCE KafkaSink must
 * set its {@code transaction.timeout.ms} below that.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The broker's {@code transaction.max.timeout.ms}. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;
    private final Path dataDirectory;
    private final String bootstrapServers;

    private EmbeddedKafka(
            KafkaClusterTestKit cluster, Path dataDirectory, String bootstrapServers) {
        this.cluster = cluster;
        this.dataDirectory = dataDirectory;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats and starts a fresh broker; returns once it accepts clients. */
    public static EmbeddedKafka start() {
        long startedAt = System.nanoTime();
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("lymphwatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory", e);
        }
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes =
                    new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .setBaseDirectory(dataDirectory)
                            // The test kit defaults to the unreleased metadata version.
                            .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                            .build();
            String listeners =
                    String.format(
                            "%s://127.0.0.1:0,%s://127.0.0.1:0",
                            nodes.brokerListenerName().value(),
                            nodes.controllerListenerName().value());
            cluster =
                    new KafkaClusterTestKit.Builder(nodes)
                            .setConfigProp("listeners", listeners)
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("offsets.topic.num.partitions", "1")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("transaction.state.log.num.partitions", "1")
                            .setConfigProp(
                                    "transaction.max.timeout.ms",
                                    Long.toString(MAX_TRANSACTION_TIMEOUT.toMillis()))
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            int port =
                    cluster.brokers()
                            .values()
                            .iterator()
                            .next()
                            .boundPort(ListenerName.normalised(nodes.brokerListenerName().value()));
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, dataDirectory, "127.0.0.1:" + port);
            LOG.info(
                    "Kafka broker up at {} in {} ms",
                    kafka.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
            return kafka;
        } catch (Exception e) {
            if (cluster != null) {
                closeQuietly(cluster);
            }
            Directories.delete(dataDirectory);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the embedded Kafka broker did not start", e);
        }
    }

    /** {@code host:port} for the {@code bootstrap.servers} client setting. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates topics with the given number of partitions and one replica each. */
    public void createTopics(int partitions, String... topics) {
        create(
                Arrays.stream(topics)
                        .map(topic -> new NewTopic(topic, partitions, (short) 1))
                        .toList());
    }

    /**
     * Creates a log-compacted topic, which keeps the latest record per key (e.g. {@code patients},
     * keyed by patient id).
     */
    public void createCompactedTopic(String topic, int partitions) {
        create(
                List.of(
                        new NewTopic(topic, partitions, (short) 1)
                                .configs(
                                        Map.of(
                                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                                TopicConfig.CLEANUP_POLICY_COMPACT))));
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Shuts the broker down and deletes its data. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "the embedded Kafka broker did not shut down cleanly", e);
        } finally {
            Directories.delete(dataDirectory);
        }
    }

    private void create(List<NewTopic> topics) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create topics "
                            + topics.stream().map(NewTopic::name).toList()
                            + " on "
                            + bootstrapServers,
                    e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Kafka broker did not shut down cleanly after a failed start", e);
        }
    }
}

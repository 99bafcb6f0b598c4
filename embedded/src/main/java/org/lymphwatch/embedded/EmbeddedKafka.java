package org.lymphwatch.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both broker and controller, listening on
 * 127.0.0.1 only (a laptop running the demo exposes nothing to its network), its logs in a
 * temporary directory that {@link #close()} deletes.
 *
 * <p>Sized for one node: internal topics have one replica and one partition, and the broker allows
 * transactions of up to {@link #MAX_TRANSACTION_TIMEOUT}, so a Flink EXACTLY_ONCE KafkaSink must
 * set its {@code transaction.timeout.ms} below that.
 *
 * <p>Formatted with {@code transaction.version=1}: with the version-2 transaction protocol
 * (KIP-890, the default of a new 4.x cluster) flink-connector-kafka's committer logs "Unable to
 * commit transaction ... most likely signals data loss" on every recovery although nothing was
 * lost, and recovery after a producer-epoch rollover can fail (FLINK-40689). Production brokers
 * should be formatted the same way until the connector handles version 2 (docker-compose.yml does).
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The broker's {@code transaction.max.timeout.ms}. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** How far ahead of the clock a record's time may lie. */
    static final Duration MAX_TIMESTAMP_AHEAD = Duration.ofDays(100 * 365);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LEADER_POLL_INTERVAL = Duration.ofMillis(50);
    private static final int NODE_ID = 1;

    /** Ports are picked free just before binding; another process may take one in between. */
    private static final int START_ATTEMPTS = 3;

    /** The storage-format feature level of the transaction protocol; see the class comment. */
    static final short TRANSACTION_VERSION = 1;

    private KafkaRaftServer server;
    private final KafkaConfig config;
    private final Path dataDirectory;
    private final String bootstrapServers;

    /** What the broker's own admin and reader clients connect with. */
    private final Map<String, Object> adminClient;

    /**
     * The client {@link #committed} asks with, made on its first call and closed with the broker:
     * progress lines and the bench ask every few hundred milliseconds, and a client per call cost a
     * thread, a connection and a metadata round trip each time. It reconnects across a restart.
     */
    private Admin offsetsClient;

    private EmbeddedKafka(
            KafkaRaftServer server,
            KafkaConfig config,
            Path dataDirectory,
            String bootstrapServers,
            KafkaSecurity security) {
        Map<String, Object> admin = new HashMap<>();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (security != null) {
            admin.putAll(security.clientProperties(KafkaSecurity.ADMIN));
        }
        this.adminClient = Map.copyOf(admin);
        this.server = server;
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats and starts a fresh broker; returns once it accepts clients. */
    public static EmbeddedKafka start() {
        return start((KafkaSecurity) null);
    }

    /**
     * Formats and starts a fresh broker that takes clients over SASL_SSL only, SCRAM users as
     * given, and refuses what no ACL allows ({@link #grant}); returns once it accepts clients.
     */
    public static EmbeddedKafka startSecured(KafkaSecurity security) {
        return start(java.util.Objects.requireNonNull(security));
    }

    private static EmbeddedKafka start(KafkaSecurity security) {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(security);
            } catch (IllegalStateException e) {
                failure = e;
                LOG.warn("Kafka broker start attempt {} failed: {}", attempt, e.getMessage());
            }
        }
        throw failure;
    }

    private static EmbeddedKafka startOnce(KafkaSecurity security) {
        long startedAt = System.nanoTime();
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("lymphwatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory", e);
        }
        KafkaRaftServer server = null;
        try {
            int brokerPort = freeLoopbackPort();
            int controllerPort = freeLoopbackPort();
            Properties properties = brokerConfig(dataDirectory, brokerPort, controllerPort);
            if (security != null) {
                security.applyTo(properties, brokerPort);
            }
            KafkaConfig config = new KafkaConfig(properties);
            format(dataDirectory, security);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka =
                    new EmbeddedKafka(
                            server, config, dataDirectory, "127.0.0.1:" + brokerPort, security);
            kafka.awaitReady();
            LOG.info(
                    "Kafka broker up at {} in {} ms",
                    kafka.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
            return kafka;
        } catch (Exception e) {
            if (server != null) {
                shutdownQuietly(server);
            }
            Directories.delete(dataDirectory);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the embedded Kafka broker did not start", e);
        }
    }

    private static Properties brokerConfig(Path dataDirectory, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                        + brokerPort
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("log.dirs", dataDirectory.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("transaction.max.timeout.ms", Long.toString(MAX_TRANSACTION_TIMEOUT.toMillis()));
        p.put("group.initial.rebalance.delay.ms", "0");
        // As KafkaClusterTestKit does: the log cleaner's default 128 MiB dedupe buffer is sized for
        // production brokers, not for a few small compacted topics in a shared JVM.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        // replay stamps records with --as-of, which for a cohort simulated into the future lies
        // years ahead; the default refused those records (a year at most). Not Long.MAX_VALUE:
        // the broker adds it to the clock.
        p.put("log.message.timestamp.after.max.ms", Long.toString(MAX_TIMESTAMP_AHEAD.toMillis()));
        return p;
    }

    /** What {@code kafka-storage.sh format} does, with the latest production metadata version. */
    private static void format(Path dataDirectory, KafkaSecurity security) throws Exception {
        Formatter formatter = new Formatter();
        if (security != null) {
            formatter.setScramArguments(security.scramArguments());
        }
        formatter
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dataDirectory.toString())
                .setDirectories(List.of(dataDirectory.toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setFeatureLevel("transaction.version", TRANSACTION_VERSION)
                .run();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        try (Admin admin = Admin.create(adminClient)) {
            admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** {@code host:port} for the {@code bootstrap.servers} client setting. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates topics with the given number of partitions and one replica each. */
    public void createTopics(int partitions, String... topics) {
        createTopics(partitions, Map.of(), topics);
    }

    /** Creates topics with the given number of partitions, one replica and these topic configs. */
    public void createTopics(int partitions, Map<String, String> configs, String... topics) {
        create(
                Arrays.stream(topics)
                        .map(topic -> new NewTopic(topic, partitions, (short) 1).configs(configs))
                        .toList());
    }

    /**
     * Stops the broker and starts it again on the same log directory and ports, as an operator's
     * restart would: committed records, offsets and transactions survive. Clients see the broker
     * unreachable in between and reconnect.
     */
    public void restart() {
        stop();
        start(Duration.ZERO);
    }

    /** Stops the broker, keeping its data; {@link #start(Duration)} brings it back. */
    public void stop() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrapServers);
    }

    /**
     * Starts the stopped broker again on its log directory, after {@code downtime} (for tests of an
     * outage). The ports were released on stop; another process could take one meanwhile.
     */
    public void start(Duration downtime) {
        try {
            Thread.sleep(downtime.toMillis());
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady();
            LOG.info("Kafka broker at {} started again", bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not restart", e);
        }
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

    /**
     * Every committed record of the topic from its beginning, as a read_committed consumer sees
     * them: polls until at least {@code expected} records have arrived or {@code timeout} passes,
     * then {@code quiet} longer, so that a caller can assert an exact count, extras included.
     */
    public List<ConsumerRecord<String, String>> readCommitted(
            String topic, int expected, Duration timeout, Duration quiet) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromBeginning(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long quietUntil = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Every committed record of the topic, from its beginning up to the last stable offset at the
     * time of the call (what a read_committed consumer can see now), in partition order.
     */
    public List<ConsumerRecord<String, String>> readAllCommitted(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromBeginning(topic)) {
            Set<TopicPartition> partitions = consumer.assignment();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ADMIN_TIMEOUT);
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no progress reading " + topic + " to its end");
                }
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
                }
                batch.forEach(records::add);
            }
        }
        return records;
    }

    /**
     * How far a consumer group has got on a topic: the sum of the offsets it committed on the
     * topic's partitions (0 before its first commit). A Flink source commits on each checkpoint, so
     * this is how much of the topic the job has checkpointed.
     */
    public long committed(String group, String topic) {
        try {
            long done = 0;
            for (var e :
                    offsetsClient()
                            .listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    done += e.getValue().offset();
                }
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets of " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        }
    }

    private synchronized Admin offsetsClient() {
        if (offsetsClient == null) {
            Map<String, Object> client = new HashMap<>(adminClient);
            client.put(AdminClientConfig.CLIENT_ID_CONFIG, offsetsClientId());
            offsetsClient = Admin.create(client);
        }
        return offsetsClient;
    }

    /** Names the offsets client's thread after this broker. */
    String offsetsClientId() {
        return "embedded-kafka-offsets-"
                + bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1);
    }

    /**
     * A read_committed consumer of every partition of the topic from its current end: it sees what
     * is committed from now on, as a clinician's app following {@code alerts} would. The caller
     * closes it.
     */
    public KafkaConsumer<String, String> followCommitted(String topic) {
        KafkaConsumer<String, String> consumer = reader(topic);
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private KafkaConsumer<String, String> fromBeginning(String topic) {
        KafkaConsumer<String, String> consumer = reader(topic);
        consumer.seekToBeginning(consumer.assignment());
        return consumer;
    }

    /**
     * A read_committed consumer assigned every partition of the topic; it logs in as the broker's
     * admin when the broker is secured.
     */
    private KafkaConsumer<String, String> reader(String topic) {
        Map<String, Object> reader = new HashMap<>(adminClient);
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        reader.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(reader, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic, ADMIN_TIMEOUT).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
        consumer.assign(partitions);
        return consumer;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Shuts the broker down and deletes its data. */
    @Override
    public void close() {
        try {
            synchronized (this) {
                if (offsetsClient != null) {
                    offsetsClient.close(ADMIN_TIMEOUT);
                    offsetsClient = null;
                }
            }
            server.shutdown();
            server.awaitShutdown();
        } finally {
            Directories.delete(dataDirectory);
        }
    }

    /**
     * Allows a SCRAM user these operations on a topic (a broker started with {@link #startSecured}
     * refuses everything else).
     */
    public void grant(String user, String topic, AclOperation... operations) {
        grant(
                user,
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                operations);
    }

    /** Allows a SCRAM user these operations on any resource (a group, transactional ids, ...). */
    public void grant(String user, ResourcePattern resource, AclOperation... operations) {
        List<AclBinding> acls =
                Arrays.stream(operations)
                        .map(
                                op ->
                                        new AclBinding(
                                                resource,
                                                new AccessControlEntry(
                                                        "User:" + user,
                                                        "*",
                                                        op,
                                                        AclPermissionType.ALLOW)))
                        .toList();
        try (Admin admin = Admin.create(adminClient)) {
            admin.createAcls(acls).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create ACLs on " + bootstrapServers, e);
        }
    }

    private void create(List<NewTopic> topics) {
        try (Admin admin = Admin.create(adminClient)) {
            admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, topics);
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

    /**
     * Returns once the broker leads every partition of the new topics.
     *
     * <p>CreateTopics completes when the controller has committed the topic; the broker becomes the
     * partitions' leader a little later, and until then answers produce requests with
     * NOT_LEADER_OR_FOLLOWER. An idempotent producer with several requests in flight can then have
     * its first batch refused while a later batch is appended: the broker accepts any first
     * sequence number from a producer it holds no state for. The refused batch then fails with
     * OUT_OF_ORDER_SEQUENCE_NUMBER on every retry until {@code delivery.timeout.ms} expires it
     * (KAFKA-15591; Kafka 4.2.0 has no fix for it). ListOffsets is answered by a partition's leader
     * only, so once it succeeds for every partition, produce requests are accepted as well.
     */
    private static void awaitLeaders(Admin admin, List<NewTopic> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            for (int partition = 0; partition < topic.numPartitions(); partition++) {
                partitions.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                // The broker's metadata first (an unknown topic would make listOffsets log an
                // error), then each partition's leader.
                admin.describeTopics(topics.stream().map(NewTopic::name).toList())
                        .allTopicNames()
                        .get(remaining, TimeUnit.MILLISECONDS);
                admin.listOffsets(partitions).all().get(remaining, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)
                        || System.nanoTime() >= deadline) {
                    throw e;
                }
                Thread.sleep(LEADER_POLL_INTERVAL.toMillis());
            }
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly after a failed start", e);
        }
    }
}

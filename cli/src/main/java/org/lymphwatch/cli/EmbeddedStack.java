package org.lymphwatch.cli;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.jobs.JobConfig;

/**
 * The whole local stack in this JVM, for {@code replay} and {@code demo}: a Kafka broker with every
 * topic of the job, and the QuestDB store. {@link #close()} stops both and deletes their data, so
 * nothing is left behind.
 */
final class EmbeddedStack implements AutoCloseable {

    /** Any token works with the embedded store; production takes one from the environment. */
    static final String LOCAL_TOKEN = "local-only-token";

    /** How long the store may take to apply the writes it acknowledged. */
    private static final Duration STORE_APPLY_TIMEOUT = Duration.ofMinutes(2);

    final EmbeddedKafka kafka;
    final EmbeddedQuestDb store;
    final JobConfig config;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedQuestDb store, JobConfig config) {
        this.kafka = kafka;
        this.store = store;
        this.config = config;
    }

    /**
     * Starts broker and store and creates the topics with {@code partitions} partitions each. The
     * topics keep records whatever their timestamp (a replay's records may be dated years back).
     */
    static EmbeddedStack start(int partitions) throws IOException, SQLException {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        EmbeddedQuestDb store = null;
        try {
            store = EmbeddedQuestDb.start();
            JobConfig config =
                    JobConfig.of(kafka.bootstrapServers(), store.influxUrl(), LOCAL_TOKEN);
            JobConfig.Topics t = config.topics();
            Map<String, String> keepAll = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
            Map<String, String> compacted =
                    Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.RETENTION_MS_CONFIG,
                            "-1");
            kafka.createTopics(
                    partitions, keepAll, t.readings(), t.rejected(), t.alerts(), t.actions());
            kafka.createTopics(partitions, compacted, t.patients(), t.status());
            return new EmbeddedStack(kafka, store, config);
        } catch (IOException | SQLException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** Waits until the store shows every write it acknowledged. */
    void awaitStore() throws SQLException, InterruptedException {
        store.awaitApplied(STORE_APPLY_TIMEOUT);
    }

    /** Empties the store's tables once every write is applied, as if it had just started. */
    void emptyStore() throws SQLException, InterruptedException {
        store.emptyTables(STORE_APPLY_TIMEOUT);
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            kafka.close();
        }
    }
}

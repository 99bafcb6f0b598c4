package org.lymphwatch.jobs;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.lymphwatch.model.RejectedReading;

/** The Kafka ends of the ingest path: topic {@code readings} in, {@code readings-rejected} out. */
public final class ReadingsTopics {

    /**
     * Below the broker's transaction.max.timeout.ms (15 min by default) and well above a checkpoint
     * interval, so a transaction outlives a slow checkpoint but not a dead job.
     */
    static final String TRANSACTION_TIMEOUT_MS = "600000";

    private ReadingsTopics() {}

    public static KafkaSource<RawReading> source(JobConfig config) {
        KafkaSourceBuilder<RawReading> b =
                KafkaSource.<RawReading>builder()
                        .setBootstrapServers(config.kafkaBootstrap())
                        .setTopics(config.readingsTopic())
                        .setGroupId(config.consumerGroup())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new RawReadingDeserializer())
                        // Devices or gateways may publish transactionally: skip aborted data.
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    public static KafkaSink<RejectedReading> rejectedSink(JobConfig config) {
        return KafkaSink.<RejectedReading>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<RejectedReading>builder()
                                .setTopic(config.rejectedTopic())
                                .setValueSerializationSchema(new RejectedReadingSchema())
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-rejected")
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .build();
    }
}

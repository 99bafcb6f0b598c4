package org.lymphwatch.jobs;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes every Kafka record on as bytes. Parsing happens downstream in {@link ValidateReadings},
 * because an exception thrown here would fail the source and stall the whole job on one message.
 */
public final class RawReadingDeserializer implements KafkaRecordDeserializationSchema<RawReading> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawReading> out) {
        out.collect(new RawReading(record.value(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawReading> getProducedType() {
        return TypeInformation.of(RawReading.class);
    }
}

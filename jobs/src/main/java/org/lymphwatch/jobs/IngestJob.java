package org.lymphwatch.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingLimits;
import org.lymphwatch.model.RejectedReading;

/**
 * Kafka {@code readings} → validate → de-duplicate per patient → InfluxDB; rejects with their
 * reason → Kafka {@code readings-rejected}. Sources and sinks come from outside, so tests and the
 * local launcher build the same graph as production.
 */
public final class IngestJob {

    /** Where the job reads from and writes to. */
    public record Endpoints(
            Source<RawReading, ?, ?> readings,
            Sink<Reading> store,
            Sink<RejectedReading> rejected) {

        /** The production ends: Kafka topics and InfluxDB, as configured. */
        public static Endpoints of(JobConfig config) {
            return new Endpoints(
                    ReadingsTopics.source(config),
                    ReadingStore.sink(config),
                    ReadingsTopics.rejectedSink(config));
        }

        public Endpoints withStore(Sink<Reading> store) {
            return new Endpoints(readings, store, rejected);
        }
    }

    private final Endpoints endpoints;
    private final ReadingLimits limits;
    private final Duration dedupeRetention;

    public IngestJob(Endpoints endpoints, ReadingLimits limits, Duration dedupeRetention) {
        this.endpoints = endpoints;
        this.limits = limits;
        this.dedupeRetention = dedupeRetention;
    }

    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Reading> valid =
                env.fromSource(endpoints.readings(), WatermarkStrategy.noWatermarks(), "readings")
                        .uid("readings-source")
                        .process(new ValidateReadings(limits))
                        .uid("validate-readings")
                        .name("validate readings");

        valid.getSideOutput(ValidateReadings.REJECTED)
                .sinkTo(endpoints.rejected())
                .uid("rejected-sink")
                .name("readings-rejected");

        valid.keyBy(Reading::patientId)
                .process(new DeduplicateReadings(dedupeRetention))
                .uid("deduplicate-readings")
                .name("de-duplicate readings")
                .sinkTo(endpoints.store())
                .uid("store-sink")
                .name("InfluxDB readings");
    }
}

package org.lymphwatch.jobs;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.lymphwatch.model.Reading;

/**
 * Per patient, lets the first delivery of each readingId through and counts the rest. Devices
 * re-send after a lost acknowledgement and Kafka redelivers after failures, so a duplicate is
 * normal traffic, not a dead letter. Seen ids expire after the retention, which bounds the state.
 */
public final class DeduplicateReadings extends KeyedProcessFunction<String, Reading, Reading> {

    private final Duration retention;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    public DeduplicateReadings(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>("seen-reading-ids", String.class, Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("readingsDuplicate");
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Reading> out)
            throws Exception {
        if (seen.contains(reading.readingId())) {
            duplicates.inc();
            return;
        }
        seen.put(reading.readingId(), Boolean.TRUE);
        out.collect(reading);
    }
}

package org.lymphwatch.jobs;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts outcomes per minute of processing time and writes each minute's count as a {@code
 * pipeline} point, for the pipeline-health dashboard. The count lives in keyed state, so a recovery
 * neither loses nor doubles a minute.
 */
public final class PipelineCounts extends KeyedProcessFunction<String, Outcome, String> {

    private static final long MINUTE_MS = 60_000;

    private final String job;
    private transient ValueState<Long> count;
    private transient ValueState<Long> minute;

    public PipelineCounts(String job) {
        this.job = job;
    }

    @Override
    public void open(OpenContext context) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        minute = getRuntimeContext().getState(new ValueStateDescriptor<>("minute", Types.LONG));
    }

    @Override
    public void processElement(Outcome o, Context ctx, Collector<String> out) throws Exception {
        Long current = count.value();
        if (current == null) {
            long start = ctx.timerService().currentProcessingTime() / MINUTE_MS * MINUTE_MS;
            minute.update(start);
            ctx.timerService().registerProcessingTimeTimer(start + MINUTE_MS);
            current = 0L;
        }
        count.update(current + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out)
            throws Exception {
        String[] key = ctx.getCurrentKey().split("/", 2);
        out.collect(
                MonitorPoints.pipeline(
                        job,
                        new Outcome(key[0], key[1]),
                        Instant.ofEpochMilli(minute.value()),
                        count.value()));
        count.clear();
        minute.clear();
    }
}

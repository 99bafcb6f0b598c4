package org.lymphwatch.jobs;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums the tasks' outcome counts ({@link OutcomeTally}) per minute of processing time and writes
 * each minute's sum as a {@code pipeline} point, for the pipeline-health dashboard. The sum lives
 * in keyed state, so a recovery neither loses nor doubles a minute. Processing-time timers do not
 * fire when a bounded input (a replay) ends, so the end of input, the final watermark, writes the
 * minute it was in.
 */
public final class PipelineCounts extends KeyedProcessFunction<String, Outcome.Count, String> {

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
    public void processElement(Outcome.Count c, Context ctx, Collector<String> out)
            throws Exception {
        Long current = count.value();
        if (current == null) {
            long start = ctx.timerService().currentProcessingTime() / MINUTE_MS * MINUTE_MS;
            minute.update(start);
            ctx.timerService().registerProcessingTimeTimer(start + MINUTE_MS);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            current = 0L;
        }
        count.update(current + c.count());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out)
            throws Exception {
        Long n = count.value();
        if (n == null) {
            // The end of input came after this minute was written, or the minute after it.
            return;
        }
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            ctx.timerService().deleteProcessingTimeTimer(minute.value() + MINUTE_MS);
        }
        String[] key = ctx.getCurrentKey().split("/", 2);
        out.collect(
                MonitorPoints.pipeline(
                        job, new Outcome(key[0], key[1]), Instant.ofEpochMilli(minute.value()), n));
        count.clear();
        minute.clear();
    }
}

package org.lymphwatch.jobs;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts a task's outcomes where they happen, chained to the operator that decides them, and sends
 * the counts on to {@link PipelineCounts} every second, before every checkpoint barrier and at the
 * end of input: one record per outcome and second instead of one per message, which cost a record,
 * a shuffle and two state accesses per reading.
 *
 * <p>Exact across failures: what is counted before a barrier has left before it, so it is in the
 * checkpoint downstream; what is counted after it is lost with the task and counted again when its
 * input is replayed. At the end of a bounded input the counts leave before the final watermark, on
 * which {@link PipelineCounts} writes its last minute.
 */
final class OutcomeTally extends AbstractStreamOperator<Outcome.Count>
        implements OneInputStreamOperator<Outcome, Outcome.Count> {

    private static final long FLUSH_EVERY_MS = 1_000;

    private transient Map<Outcome, long[]> counts;

    @Override
    public void open() throws Exception {
        super.open();
        counts = new HashMap<>();
        getProcessingTimeService()
                .scheduleWithFixedDelay(time -> flush(), FLUSH_EVERY_MS, FLUSH_EVERY_MS);
    }

    @Override
    public void processElement(StreamRecord<Outcome> element) {
        counts.computeIfAbsent(element.getValue(), o -> new long[1])[0]++;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            flush();
        }
        super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        for (Map.Entry<Outcome, long[]> e : counts.entrySet()) {
            Outcome o = e.getKey();
            output.collect(
                    new StreamRecord<>(
                            new Outcome.Count(o.outcome(), o.reason(), e.getValue()[0])));
        }
        counts.clear();
    }
}

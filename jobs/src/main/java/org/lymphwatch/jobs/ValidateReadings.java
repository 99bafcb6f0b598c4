package org.lymphwatch.jobs;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.lymphwatch.model.ReadingLimits;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.RejectedReadingJson;
import org.lymphwatch.model.Validation;

/**
 * Emits valid readings for the monitor; sends every other message, with its reason, to the dead
 * letter topic ({@link MonitorPatients#KAFKA}) and counts it ({@link MonitorPatients#OUTCOMES}).
 */
public final class ValidateReadings extends ProcessFunction<RawReading, MonitorInput> {

    private final ReadingLimits limits;
    private final String rejectedTopic;
    private transient ReadingValidator validator;
    private transient Map<RejectReason, Counter> rejected;

    public ValidateReadings(ReadingLimits limits, String rejectedTopic) {
        this.limits = limits;
        this.rejectedTopic = rejectedTopic;
    }

    @Override
    public void open(OpenContext context) {
        validator = new ReadingValidator(limits);
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(
                    reason,
                    getRuntimeContext()
                            .getMetricGroup()
                            .addGroup("reason", reason.name())
                            .counter("readingsRejected"));
        }
    }

    @Override
    public void processElement(RawReading raw, Context ctx, Collector<MonitorInput> out) {
        Validation v =
                validator.validate(raw.value(), Instant.ofEpochMilli(raw.receivedAtMillis()));
        if (v instanceof Validation.Accepted a) {
            out.collect(MonitorInput.of(a.reading(), raw.receivedAtMillis()));
        } else {
            RejectedReading r = ((Validation.Rejected) v).rejection();
            rejected.get(r.reason()).inc();
            ctx.output(
                    MonitorPatients.KAFKA,
                    new TopicRecord(rejectedTopic, null, RejectedReadingJson.write(r)));
            ctx.output(MonitorPatients.OUTCOMES, new Outcome(Outcome.REJECTED, r.reason().name()));
        }
    }
}

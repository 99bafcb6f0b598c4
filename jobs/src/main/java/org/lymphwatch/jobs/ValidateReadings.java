package org.lymphwatch.jobs;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingLimits;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.Validation;

/** Emits valid readings; sends every other message, with its reason, to {@link #REJECTED}. */
public final class ValidateReadings extends ProcessFunction<RawReading, Reading> {

    public static final OutputTag<RejectedReading> REJECTED =
            new OutputTag<>("readings-rejected") {};

    private final ReadingLimits limits;
    private transient ReadingValidator validator;
    private transient Counter accepted;
    private transient Map<RejectReason, Counter> rejected;

    public ValidateReadings(ReadingLimits limits) {
        this.limits = limits;
    }

    @Override
    public void open(OpenContext context) {
        validator = new ReadingValidator(limits);
        accepted = getRuntimeContext().getMetricGroup().counter("readingsAccepted");
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
    public void processElement(RawReading raw, Context ctx, Collector<Reading> out) {
        Validation v =
                validator.validate(raw.value(), Instant.ofEpochMilli(raw.receivedAtMillis()));
        if (v instanceof Validation.Accepted a) {
            accepted.inc();
            out.collect(a.reading());
        } else {
            RejectedReading r = ((Validation.Rejected) v).rejection();
            rejected.get(r.reason()).inc();
            ctx.output(REJECTED, r);
        }
    }
}

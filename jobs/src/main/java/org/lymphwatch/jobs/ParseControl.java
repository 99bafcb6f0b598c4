package org.lymphwatch.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.lymphwatch.model.AlertActionJson;
import org.lymphwatch.model.InvalidMessage;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.RejectedReadingJson;

/**
 * Parses the control topics, {@code patients} and {@code alert-actions}, into monitor inputs. A
 * record that breaks its contract is dead-lettered with the reason, naming the topic, rather than
 * failing the job: one bad record must not stop monitoring.
 */
public final class ParseControl extends ProcessFunction<RawReading, MonitorInput> {

    /** Which contract the topic carries. */
    public enum Kind {
        PATIENTS,
        ACTIONS
    }

    private final Kind kind;
    private final String topic;
    private final String rejectedTopic;

    public ParseControl(Kind kind, String topic, String rejectedTopic) {
        this.kind = kind;
        this.topic = topic;
        this.rejectedTopic = rejectedTopic;
    }

    @Override
    public void processElement(RawReading raw, Context ctx, Collector<MonitorInput> out) {
        String json = new String(raw.value(), StandardCharsets.UTF_8);
        try {
            out.collect(
                    kind == Kind.PATIENTS
                            ? MonitorInput.of(PatientJson.read(json))
                            : MonitorInput.of(AlertActionJson.read(json)));
        } catch (InvalidMessage | IllegalArgumentException e) {
            InvalidMessage why =
                    e instanceof InvalidMessage m
                            ? m
                            : new InvalidMessage(
                                    org.lymphwatch.model.RejectReason.BAD_TYPE, e.getMessage());
            RejectedReading dead =
                    new RejectedReading(
                            why.reason(),
                            "topic " + topic + ": " + why.detail(),
                            json.substring(0, Math.min(json.length(), RejectedReading.RAW_LIMIT)),
                            Instant.ofEpochMilli(raw.receivedAtMillis()));
            ctx.output(
                    MonitorPatients.KAFKA,
                    new TopicRecord(rejectedTopic, null, RejectedReadingJson.write(dead)));
            ctx.output(
                    MonitorPatients.OUTCOMES, new Outcome(Outcome.REJECTED, why.reason().name()));
        }
    }
}

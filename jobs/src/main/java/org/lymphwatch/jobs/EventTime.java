package org.lymphwatch.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The job's clock. Event time is when readings were measured; the watermark follows the newest
 * measurement seen (no out-of-orderness allowance: late readings are not dropped, the monitor
 * inserts them in order, so the watermark only decides when silence counts as STALE_DATA and when
 * snoozes end). It moves on as soon as the newest measurement is {@link #STEP} ahead, not only
 * every auto-watermark interval: a replay covers days of event time in 200 ms, and silence would
 * otherwise be judged days late. A reading partition silent for the idleness stops holding time
 * back.
 */
final class EventTime {

    private EventTime() {}

    /** How far the newest measurement runs ahead before the watermark follows at once. */
    static final Duration STEP = Duration.ofMinutes(15);

    static WatermarkStrategy<MonitorInput> readings(Duration idleness) {
        return WatermarkStrategy.<MonitorInput>forGenerator(context -> new NewestMeasurement())
                .withTimestampAssigner((in, kafkaTime) -> in.reading().instant().toEpochMilli())
                .withIdleness(idleness);
    }

    /** Watermark = newest event time seen − 1 ms, emitted per {@link #STEP} and periodically. */
    private static final class NewestMeasurement implements WatermarkGenerator<MonitorInput> {
        private long newest = Long.MIN_VALUE + 1;
        private long emitted = Long.MIN_VALUE;

        @Override
        public void onEvent(MonitorInput event, long timestamp, WatermarkOutput out) {
            newest = Math.max(newest, timestamp);
            if (newest - 1 - emitted >= STEP.toMillis() || emitted == Long.MIN_VALUE) {
                emit(out);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
            if (newest - 1 > emitted) {
                emit(out);
            }
        }

        private void emit(WatermarkOutput out) {
            emitted = newest - 1;
            out.emitWatermark(new Watermark(emitted));
        }
    }

    /**
     * Patient records and clinicians' actions carry no clock of their own; live, their inputs
     * declare the end of time so that they never hold back the readings' watermark at the monitor.
     * A bounded run (replay) is different: the end of the readings ends the wait of readings for
     * their patient, so time must not reach its end before every patient record is in. There the
     * control inputs declare no time at all, hold the watermark until they end (at the offsets of
     * the start, moments in) and then declare the end of time, as every bounded input does.
     */
    static <T> WatermarkStrategy<T> control(boolean bounded) {
        if (bounded) {
            return WatermarkStrategy.noWatermarks();
        }
        return WatermarkStrategy.forGenerator(
                context ->
                        new WatermarkGenerator<T>() {
                            @Override
                            public void onEvent(T event, long timestamp, WatermarkOutput out) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput out) {
                                out.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }
                        });
    }
}

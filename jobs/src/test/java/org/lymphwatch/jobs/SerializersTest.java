package org.lymphwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.lymphwatch.analytics.MonitorState;
import org.lymphwatch.analytics.MonitorStateCodec;
import org.lymphwatch.analytics.PatientMonitor;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.jobs.serde.Codec;
import org.lymphwatch.jobs.serde.CodecSerializer;
import org.lymphwatch.jobs.serde.CodecSerializerSnapshot;
import org.lymphwatch.jobs.serde.MonitorInputCodec;
import org.lymphwatch.jobs.serde.MonitorStateBinary;
import org.lymphwatch.jobs.serde.PatientTimersCodec;
import org.lymphwatch.jobs.serde.ReadingCodec;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/** Every record and every piece of state has an explicit serializer: no Kryo, no Java. */
class SerializersTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-01T08:15:00.123+01:00");
    private static final Reading LEFT_ARM =
            Reading.limbVolume(
                    "r-1",
                    "p-1",
                    "pero-1",
                    AT,
                    Limb.ARM,
                    Side.LEFT,
                    2450.5,
                    VolumeMethod.PEROMETER);
    private static final Patient PATIENT =
            new Patient(
                    1,
                    "p-1",
                    Limb.ARM,
                    Side.LEFT,
                    Side.RIGHT,
                    LocalDate.parse("2026-01-10"),
                    1,
                    new Baseline(2400.0, 2480.0, -1.5));

    @Test
    void theJobGraphBuildsWithGenericTypesOffAndNoEdgeUsesKryo() {
        JobConfig config = JobConfig.of("127.0.0.1:9", "http://127.0.0.1:9", "t");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        new MonitoringJob(MonitoringJob.Endpoints.of(config), config, Thresholds.DEFAULT)
                .build(env);
        // With generic types off, building the graph throws if any type would need Kryo.
        StreamGraph graph = env.getStreamGraph();
        assertThat(graph.getStreamNodes()).hasSizeGreaterThan(5);
        for (StreamNode node : graph.getStreamNodes()) {
            for (TypeSerializer<?> in : node.getTypeSerializersIn()) {
                assertThat(in).as(node.getOperatorName()).isNotInstanceOf(KryoSerializer.class);
            }
            if (node.getTypeSerializerOut() != null) {
                assertThat(node.getTypeSerializerOut())
                        .as(node.getOperatorName())
                        .isNotInstanceOf(KryoSerializer.class);
            }
        }
    }

    @Test
    void everyKindOfReadingSurvivesTheCodecExactly() throws IOException {
        List<Reading> readings =
                List.of(
                        LEFT_ARM,
                        Reading.circumferences(
                                "r-2",
                                "p-1",
                                "tape-1",
                                AT,
                                Limb.LEG,
                                Side.RIGHT,
                                4.0,
                                new double[] {16.1, 17.0, 18.2}),
                        Reading.bioimpedance(
                                "r-3", "p-1", "sozo-1", AT, Limb.ARM, 3.2, 312.0, 330.5),
                        Reading.bioimpedance("r-4", "p-1", null, AT, Limb.ARM, null, 312.0, 330.5),
                        Reading.context(
                                "r-5",
                                "p-1",
                                "app-1",
                                AT,
                                new PatientContext(true, null, false, true, null)));
        for (Reading r : readings) {
            Reading back = roundTrip(new ReadingCodec(), r);
            // Records compare arrays by reference: compare the contract form instead.
            assertThat(org.lymphwatch.model.ReadingJson.write(back))
                    .isEqualTo(org.lymphwatch.model.ReadingJson.write(r));
            assertThat(back.measuredAt()).isEqualTo(r.measuredAt());
        }
    }

    @Test
    void patientRecordsAndActionsSurviveTheInputCodec() throws IOException {
        AlertAction a =
                new AlertAction(
                        1,
                        "p-1",
                        "p-1:LYMPHEDEMA:ARM:LEFT:20260301T071500Z",
                        AlertAction.Kind.SNOOZE,
                        AT.plusDays(7),
                        "nurse-7",
                        AT);
        assertThat(roundTrip(new MonitorInputCodec(), MonitorInput.of(PATIENT)))
                .isEqualTo(MonitorInput.of(PATIENT));
        assertThat(roundTrip(new MonitorInputCodec(), MonitorInput.of(a)))
                .isEqualTo(MonitorInput.of(a));
    }

    @Test
    void aSavepointOfTheSameCodecRestoresAndOneOfAnotherCodecIsRefused() throws IOException {
        CodecSerializer<Reading> current =
                new CodecSerializer<>(Reading.class, new ReadingCodec(), true);
        TypeSerializerSnapshot<Reading> written = restore(current.snapshotConfiguration());
        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(written)
                                .isCompatibleAsIs())
                .isTrue();

        CodecSerializer<Reading> newer =
                new CodecSerializer<>(Reading.class, new ReadingCodecV2(), true);
        TypeSerializerSnapshot<Reading> fromNewer = restoreAs(newer.snapshotConfiguration());
        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(fromNewer)
                                .isIncompatible())
                .as("state from a newer layout, or another codec, must not be misread")
                .isTrue();
    }

    @Test
    void aPatientsTimersOfLayoutOneReadWithoutAPublicationTime() throws IOException {
        // Layout 1: the flags for timer, due time and fingerprint, then those three.
        DataOutputSerializer out = new DataOutputSerializer(32);
        out.writeByte(1 | 2 | 4);
        out.writeLong(1_772_349_300_123L);
        out.writeLong(1_772_349_301_000L);
        out.writeInt(-7);
        PatientTimers read =
                new PatientTimersCodec().read(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read)
                .isEqualTo(new PatientTimers(1_772_349_300_123L, 1_772_349_301_000L, -7, null));
    }

    @Test
    void aPatientsTimersSurviveTheirCodecWithAnyPartUnset() throws IOException {
        for (Long timer : new Long[] {null, Long.MAX_VALUE, 1_772_349_300_123L}) {
            for (Long due : new Long[] {null, 1_772_349_301_000L}) {
                for (Integer fingerprint : new Integer[] {null, -7, 0}) {
                    for (Long published : new Long[] {null, 1_772_349_299_500L}) {
                        PatientTimers t = new PatientTimers(timer, due, fingerprint, published);
                        assertThat(roundTrip(new PatientTimersCodec(), t)).isEqualTo(t);
                    }
                }
            }
        }
    }

    @Test
    void theHeapBackendsCopyOfAMonitorStateIsEqualAndChangesApart() {
        // The heap state backend copies a state before it is changed during a checkpoint.
        CodecSerializer<MonitorState> serializer =
                new CodecSerializer<>(MonitorState.class, new MonitorStateBinary(), false);
        PatientMonitor monitor = new PatientMonitor(PATIENT, Thresholds.DEFAULT);
        monitor.onReading(LEFT_ARM);
        MonitorState checkpointed = monitor.state();
        MonitorState copy = serializer.copy(checkpointed);
        assertThat(copy).isEqualTo(checkpointed).isNotSameAs(checkpointed);

        byte[] before = checkpointed.toBytes();
        PatientMonitor.resume(copy, Thresholds.DEFAULT)
                .onReading(
                        Reading.limbVolume(
                                "r-2",
                                "p-1",
                                "pero-1",
                                AT.plusMinutes(1),
                                Limb.ARM,
                                Side.RIGHT,
                                2480.0,
                                VolumeMethod.PEROMETER));
        assertThat(copy.readings()).isEqualTo(2);
        assertThat(checkpointed.toBytes()).isEqualTo(before);
    }

    @Test
    void aSavepointOfMonitorStateInAnOlderLayoutRestoresAsIs() throws IOException {
        // Monitor state layout 2 (the alert machines remember recent resolutions) reads layout 1:
        // a savepoint whose snapshot says layout 1 must restore without migration.
        CodecSerializer<MonitorState> current =
                new CodecSerializer<>(MonitorState.class, new MonitorStateBinary(), false);
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeUTF(MonitorState.class.getName());
        out.writeUTF(MonitorStateBinary.class.getName());
        out.writeBoolean(false);
        out.writeInt(1);
        TypeSerializerSnapshot<MonitorState> layoutOne = new CodecSerializerSnapshot<>();
        layoutOne.readSnapshot(
                1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(MonitorStateCodec.VERSION).isGreaterThan(1);
        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(layoutOne)
                                .isCompatibleAsIs())
                .isTrue();
    }

    private static <T> T roundTrip(Codec<T> codec, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        codec.write(value, out);
        return codec.read(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** What a savepoint does with a serializer snapshot: write it, read it back. */
    private static <T> TypeSerializerSnapshot<T> restore(TypeSerializerSnapshot<T> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                SerializersTest.class.getClassLoader());
    }

    private static <T> TypeSerializerSnapshot<T> restoreAs(TypeSerializerSnapshot<T> snapshot)
            throws IOException {
        return restore(snapshot);
    }

    /** A later layout of the reading codec, as a future release might write it. */
    public static final class ReadingCodecV2 implements Codec<Reading> {
        private static final ReadingCodec V1 = new ReadingCodec();

        @Override
        public int version() {
            return 2;
        }

        @Override
        public void write(Reading value, java.io.DataOutput out) throws IOException {
            V1.write(value, out);
        }

        @Override
        public Reading read(java.io.DataInput in) throws IOException {
            return V1.read(in);
        }
    }
}

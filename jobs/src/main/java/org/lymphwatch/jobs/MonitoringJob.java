package org.lymphwatch.jobs;

import java.io.IOException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.jobs.influx.InfluxSink;
import org.lymphwatch.jobs.serde.CodecTypeInfo;
import org.lymphwatch.jobs.serde.MonitorInputCodec;
import org.lymphwatch.model.ReadingLimits;

/**
 * The lymphwatch job. Kafka {@code readings} → validate (dead letters with their reason) → key by
 * patient, together with {@code patients} and {@code alert-actions} → one keyed {@link
 * MonitorPatients} that runs the analytics' {@code PatientMonitor} per patient → InfluxDB
 * (readings, swelling metrics, alerts, patient status, pipeline counts) and, exactly once, Kafka
 * {@code alerts}, {@code patient-status} and {@code readings-rejected}. Sources and sinks come from
 * outside, so tests and {@code replay} build the same graph as production.
 */
public final class MonitoringJob {

    /** The name of the job in Flink and in the {@code pipeline} measurement. */
    public static final String NAME = "lymphwatch-monitor";

    static final TypeInformation<MonitorInput> INPUT =
            new CodecTypeInfo<>(MonitorInput.class, new MonitorInputCodec(), true);

    private static final TypeInformation<Outcome.Count> OUTCOME_COUNT =
            Types.POJO(Outcome.Count.class);

    /** Where the job reads from and writes to. */
    public record Endpoints(
            Source<RawReading, ?, ?> readings,
            Source<RawReading, ?, ?> patients,
            Source<RawReading, ?, ?> actions,
            Sink<String> store,
            Sink<TopicRecord> topics) {

        /** The production ends: Kafka topics and InfluxDB, as configured. */
        public static Endpoints of(JobConfig config) {
            return new Endpoints(
                    KafkaEnds.source(config, config.topics().readings()),
                    KafkaEnds.source(config, config.topics().patients()),
                    KafkaEnds.source(config, config.topics().actions()),
                    InfluxSink.<String>builder()
                            .setUrl(config.influxUrl())
                            .setOrg(config.influxOrg())
                            .setBucket(config.influxBucket())
                            .setToken(config.influxToken())
                            .setPointConverter(line -> line)
                            .setMaxOutage(config.storeMaxOutage())
                            .build(),
                    KafkaEnds.sink(config));
        }

        public Endpoints withStore(Sink<String> store) {
            return new Endpoints(readings, patients, actions, store, topics);
        }

        public Endpoints withTopics(Sink<TopicRecord> topics) {
            return new Endpoints(readings, patients, actions, store, topics);
        }
    }

    private final Endpoints endpoints;
    private final JobConfig config;
    private final Thresholds thresholds;

    public MonitoringJob(Endpoints endpoints, JobConfig config, Thresholds thresholds) {
        this.endpoints = endpoints;
        this.config = config;
        this.thresholds = thresholds;
    }

    /** The thresholds the config names ({@code analyze --thresholds} reads the same file). */
    public static Thresholds thresholds(JobConfig config) throws IOException {
        return config.thresholdsFile() == null
                ? Thresholds.DEFAULT
                : Thresholds.load(java.nio.file.Path.of(config.thresholdsFile()));
    }

    /**
     * Checkpointing, restarts and state as configured; generic types off, so that no record or
     * state falls back to Kryo (every type has an explicit serializer).
     */
    public static Configuration flinkConfiguration(JobConfig config) {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        c.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        // A store outage fails the task after store.maxOutage; exponential restarts without a
        // limit then ride out outages of any length instead of giving up after N attempts.
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                config.restartInitialDelay());
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                config.restartMaxDelay());
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                Integer.MAX_VALUE);
        c.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
        if (config.stateBackend().equals("rocksdb")) {
            c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        if (config.checkpointDirectory() != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDirectory());
        }
        c.set(PipelineOptions.GENERIC_TYPES, false);
        // Records between chained operators are immutable: no defensive copies needed.
        c.set(PipelineOptions.OBJECT_REUSE, true);
        return c;
    }

    public void build(StreamExecutionEnvironment env) {
        String rejectedTopic = config.topics().rejected();
        SingleOutputStreamOperator<MonitorInput> readings =
                env.fromSource(endpoints.readings(), WatermarkStrategy.noWatermarks(), "readings")
                        .uid("readings-source")
                        .process(new ValidateReadings(ReadingLimits.DEFAULT, rejectedTopic))
                        .returns(INPUT)
                        .uid("validate-readings")
                        .name("validate readings");
        SingleOutputStreamOperator<MonitorInput> patients =
                control(
                        env,
                        endpoints.patients(),
                        ParseControl.Kind.PATIENTS,
                        "patients",
                        rejectedTopic);
        SingleOutputStreamOperator<MonitorInput> actions =
                control(
                        env,
                        endpoints.actions(),
                        ParseControl.Kind.ACTIONS,
                        "alert-actions",
                        rejectedTopic);

        SingleOutputStreamOperator<String> monitor =
                readings.assignTimestampsAndWatermarks(EventTime.readings(config.sourceIdleness()))
                        .uid("reading-time")
                        .name("event time of readings")
                        .union(patients, actions)
                        .keyBy(MonitorInput::patientId)
                        .process(
                                new MonitorPatients(
                                        thresholds,
                                        new MonitorPatients.Settings(
                                                config.topics().alerts(),
                                                config.topics().status(),
                                                rejectedTopic,
                                                config.waitForPatient(),
                                                config.maxWaitingReadings(),
                                                config.statusInterval(),
                                                config.routineStatusInterval())))
                        .returns(Types.STRING)
                        .uid("monitor-patients")
                        .name("monitor patients");

        DataStream<String> counts =
                tally(monitor, "monitor")
                        .union(
                                tally(readings, "validate"),
                                tally(patients, "patients"),
                                tally(actions, "actions"))
                        .keyBy(Outcome.Count::key)
                        .process(new PipelineCounts(NAME))
                        .returns(Types.STRING)
                        .uid("pipeline-counts")
                        .name("pipeline counts");

        // Two writers of the same store: the monitor's, chained to it (one input, same
        // parallelism), so its points are never serialised between tasks; and the counts'.
        monitor.sinkTo(endpoints.store()).uid("store-sink").name("InfluxDB");
        counts.sinkTo(endpoints.store()).uid("pipeline-store-sink").name("InfluxDB pipeline");

        monitor.getSideOutput(MonitorPatients.KAFKA)
                .union(
                        readings.getSideOutput(MonitorPatients.KAFKA),
                        patients.getSideOutput(MonitorPatients.KAFKA),
                        actions.getSideOutput(MonitorPatients.KAFKA))
                .sinkTo(endpoints.topics())
                .uid("kafka-sink")
                .name("Kafka alerts, patient-status, readings-rejected");
    }

    /** The operator's outcomes, counted in its own task (see {@link OutcomeTally}). */
    private static DataStream<Outcome.Count> tally(
            SingleOutputStreamOperator<?> operator, String name) {
        return operator.getSideOutput(MonitorPatients.OUTCOMES)
                .transform("count outcomes of " + name, OUTCOME_COUNT, new OutcomeTally())
                .uid("outcome-tally-" + name);
    }

    private SingleOutputStreamOperator<MonitorInput> control(
            StreamExecutionEnvironment env,
            Source<RawReading, ?, ?> source,
            ParseControl.Kind kind,
            String name,
            String rejectedTopic) {
        return env.fromSource(source, EventTime.control(config.bounded()), name)
                .uid(name + "-source")
                .process(new ParseControl(kind, name, rejectedTopic))
                .returns(INPUT)
                .uid("parse-" + name)
                .name("parse " + name);
    }
}

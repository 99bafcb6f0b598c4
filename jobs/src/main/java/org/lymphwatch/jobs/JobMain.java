package org.lymphwatch.jobs;

import java.nio.file.Path;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.lymphwatch.model.ReadingLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the job jar: {@code flink run lymphwatch-jobs-flink.jar --config job.properties}
 * on a cluster, or in-process on a local MiniCluster when started without one.
 */
public final class JobMain {

    private static final Logger LOG = LoggerFactory.getLogger(JobMain.class);

    private JobMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !"--config".equals(args[0])) {
            System.err.println("usage: JobMain --config FILE");
            System.exit(2);
        }
        run(JobConfig.load(Path.of(args[1]), System.getenv()));
    }

    public static void run(JobConfig config) throws Exception {
        LOG.info("starting lymphwatch ingest with {}", config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(
                config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        new IngestJob(
                        IngestJob.Endpoints.of(config),
                        ReadingLimits.DEFAULT,
                        config.dedupeRetention())
                .build(env);
        env.execute("lymphwatch-ingest");
    }
}

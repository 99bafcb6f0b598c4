package org.lymphwatch.jobs;

import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
        LOG.info("starting {} with\n{}", MonitoringJob.NAME, config.describe());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        new MonitoringJob(
                        MonitoringJob.Endpoints.of(config),
                        config,
                        MonitoringJob.thresholds(config))
                .build(env);
        env.execute(MonitoringJob.NAME);
    }
}

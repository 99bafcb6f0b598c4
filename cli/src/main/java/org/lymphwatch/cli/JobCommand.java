package org.lymphwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.JobMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the streaming job in this JVM (a local MiniCluster) against external Kafka and InfluxDB. */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Run the lymphwatch monitoring job against external Kafka and InfluxDB.",
            "The InfluxDB token comes from $" + JobConfig.TOKEN_ENV + " or influx.tokenFile.",
            "Every key can also be set by an environment variable LYMPHWATCH_<KEY> (upper case,"
                    + " dots as underscores). Keys: docs/job.md; the job prints them all at start."
        })
final class JobCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "job properties file")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(config)) {
            throw new BadInputException(config + ": cannot read the config file");
        }
        JobConfig jobConfig;
        try {
            jobConfig = JobConfig.load(config, System.getenv());
        } catch (IllegalArgumentException | IOException e) {
            throw new BadInputException(e.getMessage());
        }
        JobMain.run(jobConfig);
        return 0;
    }
}

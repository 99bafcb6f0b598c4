package org.lymphwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @TempDir Path dir;

    @Test
    void tokenComesFromTheEnvironmentAndNeverShowsInToString() throws Exception {
        Path file =
                write(
                        "kafka.bootstrap=kafka:9092\ninflux.url=http://influxdb:8086\n"
                                + "checkpoint.interval=PT5S\n");
        JobConfig c = JobConfig.load(file, Map.of(JobConfig.TOKEN_ENV, "s3cret-token"));
        assertThat(c.influxToken()).isEqualTo("s3cret-token");
        assertThat(c.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.topics().readings()).isEqualTo("readings");
        assertThat(c.toString()).doesNotContain("s3cret-token");
    }

    @Test
    void tokenCanComeFromAFile() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "file-token\n");
        Path file =
                write(
                        "kafka.bootstrap=k:9092\ninflux.url=http://i:8086\ninflux.tokenFile="
                                + token
                                + "\n");
        assertThat(JobConfig.load(file, Map.of()).influxToken()).isEqualTo("file-token");
    }

    @Test
    void tokenInTheConfigFileIsRefused() throws Exception {
        Path file = write("kafka.bootstrap=k:9092\ninflux.url=http://i:8086\ninflux.token=oops\n");
        assertThatThrownBy(() -> JobConfig.load(file, Map.of(JobConfig.TOKEN_ENV, "t")))
                .hasMessageContaining("must not be in the config file")
                .hasMessageNotContaining("oops");
    }

    @Test
    void missingAddressIsNamed() throws Exception {
        Path file = write("influx.url=http://i:8086\n");
        assertThatThrownBy(() -> JobConfig.load(file, Map.of(JobConfig.TOKEN_ENV, "t")))
                .hasMessageContaining("kafka.bootstrap is missing");
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, content);
        return file;
    }
}

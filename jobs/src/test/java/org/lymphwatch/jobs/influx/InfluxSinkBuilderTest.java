package org.lymphwatch.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InfluxSinkBuilderTest {

    private static final String TOKEN = "builder-test-secret-token";

    @Test
    void toStringShowsTheTargetButNeverTheToken() {
        InfluxSink<String> sink = complete().build();

        assertThat(sink.toString())
                .contains("http://influxdb:8086", "lymphwatch-org", "readings-bucket", "token=***")
                .doesNotContain(TOKEN);
    }

    @Test
    void sinkTravelsWithTheJobGraph() throws Exception {
        InfluxSink<String> copy = InstantiationUtil.clone(complete().build());

        assertThat(copy).hasToString(complete().build().toString());
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("no url", b -> b.setUrl(null), "needs a url"),
                invalid("not http", b -> b.setUrl("ftp://influxdb"), "must be http(s)"),
                invalid("no host", b -> b.setUrl("http:///api"), "must be http(s)"),
                invalid("no org", b -> b.setOrg(" "), "needs a org"),
                invalid("no bucket", b -> b.setBucket(null), "needs a bucket"),
                invalid("no token", b -> b.setToken(""), "needs a token"),
                invalid("no converter", b -> b.setPointConverter(null), "point converter"),
                invalid("empty batch", b -> b.setBatchSize(0), "batch size"),
                invalid("no flush interval", b -> b.setFlushInterval(Duration.ZERO), "flush"),
                invalid("negative outage", b -> b.setMaxOutage(Duration.ofSeconds(-1)), "outage"),
                invalid(
                        "backoff upside down",
                        b -> b.setRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                        "shorter than the initial"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void buildRejectsIncompleteOrInvalidSettings(
            String setting, UnaryOperator<InfluxSink.Builder<String>> change, String message) {
        assertThatThrownBy(() -> change.apply(complete()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining(TOKEN);
    }

    private static Arguments invalid(
            String name, UnaryOperator<InfluxSink.Builder<String>> change, String message) {
        return Arguments.of(name, change, message);
    }

    private static InfluxSink.Builder<String> complete() {
        return InfluxSink.<String>builder()
                .setUrl("http://influxdb:8086")
                .setOrg("lymphwatch-org")
                .setBucket("readings-bucket")
                .setToken(TOKEN)
                .setPointConverter(line -> line);
    }
}

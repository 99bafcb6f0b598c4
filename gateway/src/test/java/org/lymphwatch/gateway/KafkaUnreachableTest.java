package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a reachable broker, readings are refused with 503, never acknowledged. */
class KafkaUnreachableTest {

    @TempDir Path dir;

    @Test
    void readingsAreAnswered503WithRetryAfterWithinTheSendTimeout() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path tokens = dir.resolve("gateway.tokens");
        String token = TokenStore.enrolDevice(tokens, "perometer-u1", "p-000001");
        GatewayConfig config =
                GatewayConfig.builder("127.0.0.1:" + closedPort, tokens)
                        .sendTimeout(Duration.ofSeconds(1))
                        .build();

        try (Gateway gateway = Gateway.start(config)) {
            GatewayClient client = new GatewayClient(gateway.url());
            long started = System.nanoTime();
            HttpResponse<String> r =
                    client.post(
                            "/v1/readings",
                            token,
                            "{\"schema\":1,\"readingId\":\"r-u1\",\"patientId\":\"p-000001\","
                                    + "\"deviceId\":\"perometer-u1\","
                                    + "\"measuredAt\":\"2026-01-05T08:00:00Z\","
                                    + "\"kind\":\"CONTEXT\",\"fever\":true}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).doesNotContain("ACCEPTED");
            assertThat(took).isLessThan(Duration.ofSeconds(30));
            assertThat(client.get("/health", null).body()).contains("\"kafka\":\"UNREACHABLE\"");
        }
    }
}

package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.gateway.Gateway;
import org.lymphwatch.gateway.GatewayConfig;
import org.lymphwatch.gateway.TokenStore;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.MonitoringJob;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.PatientStatusJson;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.GatewayPublisher;
import org.lymphwatch.simulators.KafkaPublisher;

/**
 * The whole path: simulated devices post through the gateway to {@code readings}, the monitoring
 * job turns them into each patient's status on {@code patient-status}, and each patient's app reads
 * exactly that status back through the gateway.
 */
class DeviceToPatientAppTest {

    private static final CohortConfig COHORT = CohortConfig.of(5, 100, 21L);

    @TempDir Path dir;

    @Test
    void eachPatientReadsTheStatusTheJobDerivedFromTheirDevicesReadings() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(1)) {
            JobConfig config = stack.config.withBounded(true);
            try (KafkaPublisher registry =
                    new KafkaPublisher(
                            stack.kafka.bootstrapServers(),
                            config.topics().patients(),
                            config.topics().readings())) {
                registry.publishPatients(CohortGenerator.stream(COHORT));
            }
            Path tokens = dir.resolve("gateway.tokens");
            Map<String, String> tokenOfDevice =
                    TokenStore.enrolDevices(
                            tokens, GatewayPublisher.devices(CohortGenerator.stream(COHORT)));
            GatewayConfig gatewayConfig =
                    GatewayConfig.builder(stack.kafka.bootstrapServers(), tokens)
                            .topics(config.topics().readings(), config.topics().status())
                            .build();
            try (Gateway gateway = Gateway.start(gatewayConfig)) {
                GatewayPublisher.Report report =
                        new GatewayPublisher(
                                        URI.create(gateway.url()),
                                        tokenOfDevice,
                                        new GatewayPublisher.Options(
                                                8, 0.02, 500, Duration.ofSeconds(1), 5))
                                .publish(CohortGenerator.stream(COHORT), 0, (m, t, d) -> {});
                assertThat(report.stored()).isNotEmpty();

                runJob(config);

                Map<String, PatientStatus> latest = new LinkedHashMap<>();
                for (ConsumerRecord<String, String> r :
                        stack.kafka.readAllCommitted(config.topics().status())) {
                    latest.put(r.key(), PatientStatusJson.read(r.value()));
                }
                assertThat(latest).hasSize(COHORT.patients());
                for (PatientStatus expected : latest.values()) {
                    String token = TokenStore.enrolPatient(tokens, expected.patientId());
                    JsonNode seen = awaitStatus(gateway.url(), token, expected);
                    assertThat(seen.get("patientId").asText()).isEqualTo(expected.patientId());
                    assertThat(seen.get("alerts")).hasSize(expected.openAlerts().size());
                    assertThat(seen.get("nextMeasurementDueAt").asText())
                            .isEqualTo(Json.time(expected.measurementDueAt()));
                }
            }
        }
    }

    /** Runs the monitoring job to the end of its input topics (bounded). */
    static void runJob(JobConfig config) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        MonitoringJob.flinkConfiguration(config));
        env.setParallelism(1);
        new MonitoringJob(
                        MonitoringJob.Endpoints.of(config),
                        config,
                        MonitoringJob.thresholds(config))
                .build(env);
        env.execute(MonitoringJob.NAME);
    }

    /** The app's view once the gateway's status feed has caught up with the topic. */
    private static JsonNode awaitStatus(String url, String token, PatientStatus expected)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url + "/v1/me/status"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode n = Json.mapper().readTree(r.body());
            boolean caughtUp =
                    expected.level().name().equals(n.path("level").asText())
                            && Json.time(expected.asOf()).equals(n.path("asOf").asText());
            if (caughtUp || System.nanoTime() > deadline) {
                assertThat(n.path("level").asText()).isEqualTo(expected.level().name());
                assertThat(n.path("asOf").asText()).isEqualTo(Json.time(expected.asOf()));
                return n;
            }
            Thread.sleep(200);
        }
    }
}

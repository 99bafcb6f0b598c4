package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.model.Json;

/**
 * The gateway's load run, a benchmark rather than a test (it only runs when asked, and its times
 * are printed, not asserted): 1,000 enrolled devices, each posting one reading after another for a
 * minute over loopback to a gateway on the embedded broker. Prints accepted readings per second and
 * the p50/p99 answer time, then checks that every accepted reading is on the topic exactly once.
 * BENCHMARKS.md has the command and the figures.
 */
@EnabledIfSystemProperty(named = "lymphwatch.benchmark", matches = "true")
class GatewayLoadRun {

    private static final int DEVICES = Integer.getInteger("lymphwatch.devices", 1000);

    /** Readings per request: 1 for live measurements, more for a backlog after an outage. */
    private static final int BATCH = Integer.getInteger("lymphwatch.batch", 1);

    private static final Duration RUN =
            Duration.ofSeconds(Integer.getInteger("lymphwatch.seconds", 60));

    @TempDir Path dir;

    @Test
    void thousandDevicesPostForAMinute() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(3, GatewayConfig.READINGS_TOPIC);
            kafka.createCompactedTopic(GatewayConfig.STATUS_TOPIC, 1);
            Path tokens = dir.resolve("gateway.tokens");
            Map<String, String> patientOfDevice = new LinkedHashMap<>();
            for (int i = 1; i <= DEVICES; i++) {
                patientOfDevice.put("perometer-" + i, String.format("p-%06d", i));
            }
            Map<String, String> tokenOfDevice = TokenStore.enrolDevices(tokens, patientOfDevice);
            GatewayConfig config =
                    GatewayConfig.builder(kafka.bootstrapServers(), tokens)
                            .limits(500, 512 * 1024, 1_000_000)
                            .build();
            try (Gateway gateway = Gateway.start(config)) {
                run(kafka, gateway, patientOfDevice, tokenOfDevice);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The machine is shared; its load says how much of it this run had. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void run(
            EmbeddedKafka kafka,
            Gateway gateway,
            Map<String, String> patientOfDevice,
            Map<String, String> tokenOfDevice)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
        URI uri = URI.create(gateway.url() + "/v1/readings");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        LongAdder failed = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> devices = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
        String measuredAt =
                OffsetDateTime.now(ZoneOffset.UTC)
                        .minusHours(1)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString();
        for (var device : patientOfDevice.entrySet()) {
            long[] own = new long[200_000];
            latencies.add(own);
            Thread t =
                    new Thread(
                            () -> {
                                int n = 0;
                                int next = 0;
                                while (System.nanoTime() < end && n < own.length) {
                                    List<String> ids = new ArrayList<>();
                                    StringBuilder body = new StringBuilder("[");
                                    for (int b = 0; b < BATCH; b++) {
                                        String id = "r-" + device.getKey() + "-" + next++;
                                        ids.add(id);
                                        body.append(b == 0 ? "" : ",")
                                                .append("{\"schema\":1,\"readingId\":\"")
                                                .append(id)
                                                .append("\",\"patientId\":\"")
                                                .append(device.getValue())
                                                .append("\",\"deviceId\":\"")
                                                .append(device.getKey())
                                                .append("\",\"measuredAt\":\"")
                                                .append(measuredAt)
                                                .append(
                                                        "\",\"kind\":\"LIMB_VOLUME\","
                                                                + "\"limb\":\"ARM\","
                                                                + "\"side\":\"LEFT\","
                                                                + "\"volumeMl\":2450.0,"
                                                                + "\"method\":\"PEROMETER\"}");
                                    }
                                    body.append(']');
                                    HttpRequest request =
                                            HttpRequest.newBuilder(uri)
                                                    .timeout(Duration.ofSeconds(60))
                                                    .header(
                                                            "Authorization",
                                                            "Bearer "
                                                                    + tokenOfDevice.get(
                                                                            device.getKey()))
                                                    .POST(
                                                            HttpRequest.BodyPublishers.ofString(
                                                                    body.toString()))
                                                    .build();
                                    long sent = System.nanoTime();
                                    try {
                                        HttpResponse<String> r =
                                                http.send(
                                                        request,
                                                        HttpResponse.BodyHandlers.ofString());
                                        own[n++] = System.nanoTime() - sent;
                                        if (r.statusCode() == 202
                                                && r.body().contains("\"accepted\":" + BATCH)) {
                                            accepted.addAll(ids);
                                        } else {
                                            failed.increment();
                                        }
                                    } catch (Exception e) {
                                        failed.increment();
                                    }
                                }
                            },
                            device.getKey());
            devices.add(t);
        }
        long cpuBefore = processCpuNanos();
        String loadBefore = loadAverage();
        devices.forEach(Thread::start);
        for (Thread t : devices) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        long[] all =
                latencies.stream()
                        .flatMapToLong(a -> Arrays.stream(a).filter(x -> x > 0))
                        .sorted()
                        .toArray();
        List<ConsumerRecord<String, String>> records =
                kafka.readCommitted(
                        GatewayConfig.READINGS_TOPIC,
                        accepted.size(),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(2));
        Set<String> onTopic = ConcurrentHashMap.newKeySet();
        for (ConsumerRecord<String, String> r : records) {
            onTopic.add(Json.mapper().readTree(r.value()).get("readingId").asText());
        }
        System.out.printf(
                "gateway load run: %d devices, %d readings per request, %.1f s, %d requests,"
                        + " %d accepted (%.0f readings/s),"
                        + " %d not accepted, answer time p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " on the topic: %d records, %d distinct, accepted but missing: %d;"
                        + " CPU of this JVM (devices, gateway, broker) %.1f s = %.2f ms per"
                        + " request; load average before %s, after %s%n",
                patientOfDevice.size(),
                BATCH,
                seconds,
                all.length,
                accepted.size(),
                accepted.size() / seconds,
                failed.sum(),
                all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6,
                records.size(),
                onTopic.size(),
                accepted.stream().filter(id -> !onTopic.contains(id)).count(),
                cpuSeconds,
                cpuSeconds * 1e3 / all.length,
                loadBefore,
                loadAverage());
        assertThat(onTopic).containsAll(accepted);
        assertThat(records).hasSameSizeAs(onTopic);
    }
}

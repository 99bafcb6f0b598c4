package org.lymphwatch.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for {@code /metrics} (Prometheus text format). Labels are outcomes and reasons only,
 * never patient, device or reading ids, so the endpoint can be scraped without exposing anyone.
 */
final class GatewayMetrics {

    private final ConcurrentMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    void count(String name) {
        count(name, 1);
    }

    void count(String name, long n) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    /**
     * @param gauges current values to append, by metric name
     */
    String prometheus(Map<String, Long> gauges) {
        StringBuilder out = new StringBuilder();
        Map<String, LongAdder> sorted = new TreeMap<>(counters);
        sorted.forEach(
                (name, value) -> out.append(name).append(' ').append(value.sum()).append('\n'));
        new TreeMap<>(gauges)
                .forEach((name, value) -> out.append(name).append(' ').append(value).append('\n'));
        return out.toString();
    }

    static String requests(int status) {
        return "lymphwatch_gateway_http_requests_total{status=\"" + status + "\"}";
    }

    static String readings(ReadingIntake.Status status) {
        return "lymphwatch_gateway_readings_total{result=\""
                + status.name().toLowerCase(java.util.Locale.ROOT)
                + "\"}";
    }

    static String rejected(String reason) {
        return "lymphwatch_gateway_readings_rejected_total{reason=\"" + reason + "\"}";
    }

    static final String FOREIGN_PATIENT = "lymphwatch_gateway_foreign_patient_refusals_total";
    static final String UNAUTHENTICATED = "lymphwatch_gateway_unauthenticated_total";
    static final String RATE_LIMITED = "lymphwatch_gateway_rate_limited_total";
    static final String KAFKA_UNAVAILABLE = "lymphwatch_gateway_kafka_unavailable_total";
}

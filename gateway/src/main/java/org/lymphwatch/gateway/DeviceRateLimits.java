package org.lymphwatch.gateway;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per credential (Bucket4j): {@code requestsPerMinute} requests a minute, in bursts
 * of up to as many. A home device measures a few times a day and sends a backlog in batches, so the
 * limit only stops a broken or hostile client from flooding Kafka. One bucket per enrolled key, so
 * memory is bounded by the token store.
 */
final class DeviceRateLimits {

    private final int requestsPerMinute;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    DeviceRateLimits(int requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    /**
     * @return 0 when the request may go ahead, else the seconds to wait (for Retry-After)
     */
    long tryAcquire(String keyId) {
        Bucket bucket =
                buckets.computeIfAbsent(
                        keyId,
                        k ->
                                Bucket.builder()
                                        .addLimit(
                                                Bandwidth.builder()
                                                        .capacity(requestsPerMinute)
                                                        .refillGreedy(
                                                                requestsPerMinute,
                                                                Duration.ofMinutes(1))
                                                        .build())
                                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }
}

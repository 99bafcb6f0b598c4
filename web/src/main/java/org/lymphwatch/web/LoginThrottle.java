package org.lymphwatch.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per client address and per clinician id: after {@link #MAX_FAILURES}
 * failures within {@link #WINDOW}, further attempts are refused until the oldest failure leaves the
 * window. Per id as well as per address, so guessing one clinician's password from many addresses
 * is slowed down too.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    // Bounds memory when many addresses fail: the oldest keys go first.
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long until this address and id may try again; empty if they may try now. */
    Optional<Duration> blockedFor(String address, String clinicianId) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(address, clinicianId)) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                continue;
            }
            synchronized (times) {
                prune(times, now);
                if (times.size() >= MAX_FAILURES) {
                    Duration wait = Duration.between(now, times.peekFirst().plus(WINDOW));
                    if (wait.compareTo(longest) > 0) {
                        longest = wait;
                    }
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    void failed(String address, String clinicianId) {
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
        Instant now = clock.instant();
        for (String key : keys(address, clinicianId)) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                prune(times, now);
                times.addLast(now);
            }
        }
    }

    /** Clears the id's failures; the address keeps its own, so one account cannot reset them. */
    void succeeded(String clinicianId) {
        failures.remove("id:" + clinicianId);
    }

    private static String[] keys(String address, String clinicianId) {
        return new String[] {"address:" + address, "id:" + clinicianId};
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }
}

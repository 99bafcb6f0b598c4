package org.lymphwatch.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions behind an opaque random cookie. Every visitor gets one (with its CSRF token)
 * on the login page, so the login form is CSRF-protected too; logging in replaces it with a new
 * session id and token, so an id planted before login is worthless after it.
 */
final class Sessions {

    static final String COOKIE = "lymphwatch_session";
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    static final Duration MAX_AGE = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One browser's session; clinicianId is null until it logs in. */
    static final class Session {
        final String id;
        final String csrfToken;
        final String clinicianId;
        final Instant createdAt;
        volatile Instant lastSeen;

        private Session(String clinicianId, Instant now) {
            this.id = token();
            this.csrfToken = token();
            this.clinicianId = clinicianId;
            this.createdAt = now;
            this.lastSeen = now;
        }

        boolean loggedIn() {
            return clinicianId != null;
        }

        /** Compares in constant time, so the token cannot be guessed byte by byte. */
        boolean csrfMatches(String candidate) {
            return candidate != null
                    && MessageDigest.isEqual(
                            csrfToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            candidate.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private final Clock clock;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** The live session with this id, touched; empty if unknown, idle too long or too old. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    Session anonymous() {
        return put(new Session(null, clock.instant()));
    }

    /** Ends the old session and opens a logged-in one with a new id and CSRF token. */
    Session logIn(Session old, String clinicianId) {
        byId.remove(old.id);
        return put(new Session(clinicianId, clock.instant()));
    }

    void end(Session s) {
        byId.remove(s.id);
    }

    private Session put(Session s) {
        if (byId.size() >= MAX_SESSIONS) {
            evict();
        }
        byId.put(s.id, s);
        return s;
    }

    private void evict() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
        // Still full: drop the least recently seen anonymous sessions, never a clinician's first.
        if (byId.size() >= MAX_SESSIONS) {
            byId.values().stream()
                    .sorted(
                            Comparator.comparing((Session s) -> s.loggedIn())
                                    .thenComparing(s -> s.lastSeen))
                    .limit(byId.size() - MAX_SESSIONS + 1L)
                    .toList()
                    .forEach(s -> byId.remove(s.id));
        }
    }

    private static boolean expired(Session s, Instant now) {
        return s.lastSeen.plus(IDLE_TIMEOUT).isBefore(now)
                || s.createdAt.plus(MAX_AGE).isBefore(now);
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

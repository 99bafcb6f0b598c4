package org.lymphwatch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.lymphwatch.model.PseudonymousId;
import org.lymphwatch.web.Sessions.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging in and out. The accounts file is read again when it changes (add-clinician). */
final class Login {

    private static final Logger LOG = LoggerFactory.getLogger(Login.class);
    private static final int MAX_PASSWORD_LENGTH = 256;

    private final Path cliniciansFile;
    private final Sessions sessions;
    private final Access access;
    private final LoginThrottle throttle;
    private final Pages pages;
    private Clinicians clinicians;
    private FileTime loadedVersion;

    Login(
            Path cliniciansFile,
            Sessions sessions,
            Access access,
            LoginThrottle throttle,
            Pages pages)
            throws IOException {
        this.cliniciansFile = cliniciansFile;
        this.sessions = sessions;
        this.access = access;
        this.throttle = throttle;
        this.pages = pages;
        clinicians();
    }

    /** POST /login */
    void logIn(Context ctx) {
        // Access let this through only with the session's CSRF token, so there is a session.
        Session session = Access.session(ctx).orElseThrow();
        String clinicianId = ctx.formParam("clinicianId");
        String password = ctx.formParam("password");
        String address = ctx.ip();
        String idKey = PseudonymousId.isValid(clinicianId) ? clinicianId : "(not an id)";
        Optional<Duration> blocked = throttle.blockedFor(address, idKey);
        if (blocked.isPresent()) {
            long minutes = Math.max(1, (blocked.get().toSeconds() + 59) / 60);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(blocked.get().toSeconds() + 1));
            pages.renderLogin(
                    ctx,
                    session,
                    "Too many failed attempts. Try again in " + minutes + " minutes.");
            return;
        }
        boolean ok =
                PseudonymousId.isValid(clinicianId)
                        && password != null
                        && password.length() <= MAX_PASSWORD_LENGTH
                        && clinicians().verify(clinicianId, password.toCharArray());
        if (!ok) {
            throttle.failed(address, idKey);
            LOG.info("failed login from {}", address);
            ctx.status(HttpStatus.UNAUTHORIZED);
            pages.renderLogin(ctx, session, "Wrong clinician id or password.");
            return;
        }
        throttle.succeeded(clinicianId);
        Session loggedIn = sessions.logIn(session, clinicianId);
        access.setCookie(ctx, loggedIn);
        LOG.info("clinician {} logged in", clinicianId);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** POST /logout */
    void logOut(Context ctx) {
        Access.session(ctx).ifPresent(sessions::end);
        access.clearCookie(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private synchronized Clinicians clinicians() {
        try {
            FileTime version =
                    Files.exists(cliniciansFile)
                            ? Files.getLastModifiedTime(cliniciansFile)
                            : FileTime.fromMillis(0);
            if (clinicians == null || !version.equals(loadedVersion)) {
                clinicians = Clinicians.load(cliniciansFile);
                loadedVersion = version;
                if (clinicians.isEmpty()) {
                    LOG.warn(
                            "no clinician accounts in {}: add one with ./lymphwatch add-clinician",
                            cliniciansFile);
                }
            }
            return clinicians;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

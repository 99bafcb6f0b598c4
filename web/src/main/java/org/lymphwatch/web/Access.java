package org.lymphwatch.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.lymphwatch.web.Sessions.Session;

/**
 * The one place that decides who may call what, before every matched route: it finds the session,
 * refuses a state-changing request from another origin or without the session's CSRF token, and
 * lets a route through only if its roles include {@link Role#PUBLIC} or a clinician is logged in. A
 * logged-out browser is sent to the login page; an API call gets 401.
 */
final class Access {

    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "csrf";
    private static final String SESSION = "lymphwatch.session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Sessions sessions;
    private final boolean secureCookie;
    private final String publicOrigin;

    /**
     * @param publicOrigin the origin browsers see (scheme://host[:port]) when a proxy sits in
     *     front; null to take it from the request
     */
    Access(Sessions sessions, boolean secureCookie, String publicOrigin) {
        this.sessions = sessions;
        this.secureCookie = secureCookie;
        this.publicOrigin = publicOrigin;
    }

    void check(Context ctx) {
        Optional<Session> session = sessions.find(ctx.cookie(Sessions.COOKIE));
        session.ifPresent(s -> ctx.attribute(SESSION, s));
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            if (!sameOrigin(ctx)) {
                throw new ForbiddenResponse("cross-origin request refused");
            }
            if (session.isEmpty() || !session.get().csrfMatches(csrfToken(ctx))) {
                throw new ForbiddenResponse("missing or wrong CSRF token; reload the page");
            }
        }
        if (ctx.routeRoles().contains(Role.PUBLIC)
                || session.map(Session::loggedIn).orElse(false)) {
            return;
        }
        refuse(ctx);
    }

    /** For a request no route matched: logged-out browsers still only ever see the login page. */
    void refuseUnlessLoggedIn(Context ctx) {
        if (!sessions.find(ctx.cookie(Sessions.COOKIE)).map(Session::loggedIn).orElse(false)) {
            refuse(ctx);
        }
    }

    /** The request's session; routes behind {@link Role#CLINICIAN} always have a logged-in one. */
    static Optional<Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    static Session clinicianSession(Context ctx) {
        return session(ctx)
                .filter(Session::loggedIn)
                .orElseThrow(() -> new UnauthorizedResponse("log in first"));
    }

    /** Sends the session cookie: HttpOnly, SameSite=Strict, and Secure when served over TLS. */
    void setCookie(Context ctx, Session s) {
        ctx.header(
                "Set-Cookie",
                Sessions.COOKIE
                        + "="
                        + s.id
                        + "; Path=/; HttpOnly; SameSite=Strict"
                        + (secureCookie ? "; Secure" : ""));
    }

    void clearCookie(Context ctx) {
        ctx.header(
                "Set-Cookie",
                Sessions.COOKIE
                        + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                        + (secureCookie ? "; Secure" : ""));
    }

    /** A browser navigating (GET for a page) goes to the login page; anything else gets 401. */
    private static void refuse(Context ctx) {
        String accept = ctx.header("Accept");
        boolean navigation =
                ctx.method().name().equals("GET") && accept != null && accept.contains("text/html");
        if (!navigation) {
            throw new UnauthorizedResponse("log in first");
        }
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }

    private static String csrfToken(Context ctx) {
        String header = ctx.header(CSRF_HEADER);
        if (header != null) {
            return header;
        }
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded")
                ? ctx.formParam(CSRF_FIELD)
                : null;
    }

    /** Origin (or, failing that, Referer) must name this app; a request with neither is refused. */
    private boolean sameOrigin(Context ctx) {
        String expected = publicOrigin != null ? publicOrigin : ctx.scheme() + "://" + ctx.host();
        String origin = ctx.header("Origin");
        if (origin == null) {
            String referer = ctx.header("Referer");
            if (referer == null) {
                return false;
            }
            try {
                URI uri = URI.create(referer);
                origin =
                        uri.getScheme()
                                + "://"
                                + uri.getHost()
                                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return origin.equalsIgnoreCase(expected);
    }
}

package org.lymphwatch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import org.lymphwatch.model.PseudonymousId;
import org.lymphwatch.web.Sessions.Session;

/**
 * The three HTML pages, served from templates in the jar with a few escaped values filled in (the
 * CSRF token, the clinician id, the patient id). They hold no script of their own: the
 * Content-Security-Policy allows scripts from this origin's files only.
 */
final class Pages {

    private final Sessions sessions;
    private final Access access;
    private final TriageBoard board;
    private final String loginTemplate = template("login");
    private final String boardTemplate = template("board");
    private final String patientTemplate = template("patient");

    Pages(Sessions sessions, Access access, TriageBoard board) {
        this.sessions = sessions;
        this.access = access;
        this.board = board;
    }

    /** GET /login: gives the browser a session (for the form's CSRF token) if it has none. */
    void login(Context ctx) {
        Session session = Access.session(ctx).orElse(null);
        if (session != null && session.loggedIn()) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        if (session == null) {
            session = sessions.anonymous();
            access.setCookie(ctx, session);
        }
        renderLogin(ctx, session, "");
    }

    void renderLogin(Context ctx, Session session, String error) {
        ctx.html(fill(loginTemplate, Map.of("csrf", session.csrfToken, "error", error)));
    }

    void board(Context ctx) {
        Session s = Access.clinicianSession(ctx);
        ctx.html(
                fill(
                        boardTemplate,
                        Map.of("csrf", s.csrfToken, "clinician", s.clinicianId, "where", "")));
    }

    void patient(Context ctx) {
        Session s = Access.clinicianSession(ctx);
        String patientId = knownPatient(ctx, board);
        ctx.html(
                fill(
                        patientTemplate,
                        Map.of(
                                "csrf",
                                s.csrfToken,
                                "clinician",
                                s.clinicianId,
                                "patientId",
                                patientId,
                                "where",
                                " › " + patientId)));
    }

    /**
     * The {patientId} path parameter if it is a patient on the board.
     *
     * @throws NotFoundResponse otherwise, without echoing the id
     */
    static String knownPatient(Context ctx, TriageBoard board) {
        String patientId = ctx.pathParam("patientId");
        if (!PseudonymousId.isValid(patientId) || board.status(patientId).isEmpty()) {
            throw new NotFoundResponse("no such patient");
        }
        return patientId;
    }

    private static String fill(String template, Map<String, String> values) {
        String page = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            page = page.replace("{{" + v.getKey() + "}}", escape(v.getValue()));
        }
        return page;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A page template with the shared partials ({{> head}}, {{> header}}) put in. */
    private static String template(String name) {
        String page = Resources.text("/web/" + name + ".html");
        for (String partial : new String[] {"head", "header"}) {
            page =
                    page.replace(
                            "{{> " + partial + "}}\n", Resources.text("/web/" + partial + ".html"));
        }
        return page;
    }
}

package org.lymphwatch.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.lymphwatch.web.history.InfluxHistory;
import org.lymphwatch.web.history.PatientHistory;
import org.lymphwatch.web.history.QuestDbHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clinicians' web app: the triage board and patient pages, fed by Kafka ({@code
 * patient-status}, {@code alerts}) and the store, sending actions to {@code alert-actions}. {@link
 * #routes} is the one table of every route and who may call it.
 */
public final class WebApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    /**
     * No inline scripts or styles, nothing from other origins, no framing: a script injected into a
     * page cannot run, and the pages cannot be embedded to trick a click.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
                    + " base-uri 'none'";

    private final WebConfig config;
    private final TriageBoard board = new TriageBoard();
    private final BoardFollower follower;
    private final AlertActionSender sender;
    private final PatientHistory history;
    private final Javalin javalin;

    private WebApp(WebConfig config, Clock clock) throws IOException, GeneralSecurityException {
        this.config = config;
        this.follower =
                new BoardFollower(
                        config.kafkaBootstrap(),
                        config.kafkaClient(),
                        config.statusTopic(),
                        config.alertsTopic(),
                        board);
        this.sender =
                new AlertActionSender(
                        config.kafkaBootstrap(), config.kafkaClient(), config.actionsTopic());
        this.history = history(config.store());
        Sessions sessions = new Sessions(clock);
        Access access = new Access(sessions, config.secureCookie(), config.publicOrigin());
        Pages pages = new Pages(sessions, access, board);
        Login login =
                new Login(
                        config.cliniciansFile(), sessions, access, new LoginThrottle(clock), pages);
        AuditTrail audit = AuditTrail.open(config.auditFile());
        BoardApi boardApi = new BoardApi(board, follower);
        PatientApi patientApi = new PatientApi(board, audit, history);
        AlertActionsApi actions = new AlertActionsApi(board, sender, audit, clock);
        TlsKeys.Loaded tls = config.tls() == null ? null : TlsKeys.load(config.tls());
        this.javalin =
                Javalin.create(
                        c -> {
                            c.startup.showJavalinBanner = false;
                            c.http.maxRequestSize = config.maxRequestBytes();
                            c.jetty.host = config.host();
                            c.jetty.port = config.port();
                            if (tls != null) {
                                c.jetty.addConnector(
                                        (server, http) -> tlsConnector(server, http, tls, config));
                            }
                            c.staticFiles.add(
                                    s -> {
                                        s.hostedPath = "/assets";
                                        s.directory = "/assets";
                                        s.location = Location.CLASSPATH;
                                        s.roles = Set.of(Role.PUBLIC);
                                    });
                            c.routes.before(WebApp::securityHeaders);
                            c.routes.beforeMatched(access::check);
                            c.routes.error(404, access::refuseUnlessLoggedIn);
                            c.routes.apiBuilder(
                                    () -> routes(pages, login, boardApi, patientApi, actions));
                        });
    }

    /** Every route and who may call it. */
    private static void routes(
            Pages pages,
            Login login,
            BoardApi boardApi,
            PatientApi patientApi,
            AlertActionsApi actions) {
        get("/login", pages::login, Role.PUBLIC);
        post("/login", login::logIn, Role.PUBLIC);
        post("/logout", login::logOut, Role.CLINICIAN);
        get("/", pages::board, Role.CLINICIAN);
        get("/patients/{patientId}", pages::patient, Role.CLINICIAN);
        get("/vendor/uplot/{file}", Vendor::uplot, Role.CLINICIAN);
        path(
                "/api",
                () -> {
                    get("/board", boardApi::board, Role.CLINICIAN);
                    path(
                            "/patients/{patientId}",
                            () -> {
                                get(patientApi::detail, Role.CLINICIAN);
                                get("/history", patientApi::history, Role.CLINICIAN);
                                post("/alerts/{alertId}/actions", actions::act, Role.CLINICIAN);
                            });
                });
    }

    public static WebApp start(WebConfig config) throws IOException, GeneralSecurityException {
        return start(config, Clock.systemUTC());
    }

    static WebApp start(WebConfig config, Clock clock)
            throws IOException, GeneralSecurityException {
        WebApp app = new WebApp(config, clock);
        app.follower.start();
        app.javalin.start();
        LOG.info("lymphwatch web app at {}", app.url());
        return app;
    }

    public int port() {
        return javalin.port();
    }

    /** Where a browser on this machine reaches the app. */
    public String url() {
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        return (config.tls() != null ? "https" : "http") + "://" + host + ":" + port();
    }

    /** True once the board holds everything that was on the topics when the app started. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form
        // posts.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        if (ctx.scheme().equals("https")) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private static ServerConnector tlsConnector(
            org.eclipse.jetty.server.Server server,
            org.eclipse.jetty.server.HttpConfiguration http,
            TlsKeys.Loaded tls,
            WebConfig config) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.store());
        ssl.setKeyStorePassword(new String(tls.password()));
        ssl.setKeyManagerPassword(new String(tls.password()));
        http.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector =
                new ServerConnector(
                        server,
                        new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    private static PatientHistory history(WebConfig.Store store) {
        if (store instanceof WebConfig.Store.QuestDb q) {
            return new QuestDbHistory(q.jdbcUrl(), q.user(), q.password());
        }
        WebConfig.Store.Influx i = (WebConfig.Store.Influx) store;
        return new InfluxHistory(i.url(), i.token(), i.org(), i.bucket());
    }

    @Override
    public void close() throws InterruptedException {
        javalin.stop();
        follower.close();
        sender.close();
        history.close();
    }
}

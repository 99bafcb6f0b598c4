package org.lymphwatch.gateway;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.ServerConnector;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.ReadingLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP gateway between home devices, patients' apps and Kafka. The route table in {@link
 * #routes()} is the whole API; who may call a route is decided once, in {@link #authorize}, from
 * the route's {@link Access}. Devices write readings for their one patient and are answered only
 * after Kafka acknowledged them; patients read their own status. Nothing here logs a token, and
 * {@code /health} and {@code /metrics} carry no patient data.
 */
public final class Gateway implements AutoCloseable {

    /** Who may call a route. */
    enum Access implements RouteRole {
        ANYONE,
        DEVICE,
        PATIENT
    }

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final String CREDENTIAL = "lymphwatch.credential";
    private static final String RETRY_AFTER_KAFKA_SECONDS = "5";

    private final GatewayConfig config;
    private final TokenStore tokens;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final DeviceRateLimits rateLimits;
    private final ReadingsProducer producer;
    private final ReadingIntake intake;
    private final PatientStatusFeed statuses;
    private final ReceivedMeasurements received = new ReceivedMeasurements();
    private final Javalin app;

    private Gateway(GatewayConfig config) {
        this.config = config;
        this.tokens = TokenStore.open(config.tokens());
        this.rateLimits = new DeviceRateLimits(config.requestsPerMinute());
        this.producer =
                new ReadingsProducer(config.kafka(), config.readingsTopic(), config.sendTimeout());
        this.intake =
                new ReadingIntake(
                        ReadingLimits.DEFAULT,
                        config.maxBodyBytes(),
                        producer,
                        new RecentReadings(config.recentReadings()),
                        received,
                        config.maxBatch());
        this.statuses = new PatientStatusFeed(config.kafka(), config.statusTopic());
        this.app =
                Javalin.create(
                        c -> {
                            c.startup.showJavalinBanner = false;
                            c.http.maxRequestSize = config.maxBodyBytes();
                            c.jetty.host = config.host();
                            c.jetty.port = config.port();
                            if (config.tls() != null) {
                                c.jetty.addConnector(
                                        (server, http) ->
                                                TlsConnector.create(server, http, config));
                            }
                            c.requestLogger.http(
                                    (ctx, ms) ->
                                            metrics.count(
                                                    GatewayMetrics.requests(ctx.statusCode())));
                            c.routes.beforeMatched(this::authorize);
                            c.routes.apiBuilder(this::routes);
                            // Javalin's own refusals (e.g. a chunked body over the size limit).
                            c.routes.exception(
                                    HttpResponseException.class,
                                    (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
                            c.routes.exception(
                                    Exception.class,
                                    (e, ctx) -> {
                                        LOG.error(
                                                "{} {} failed: {}",
                                                ctx.method(),
                                                ctx.path(),
                                                e.getClass().getName());
                                        error(ctx, 500, "internal error");
                                    });
                        });
    }

    /** The whole API. */
    private void routes() {
        get("/health", this::health, Access.ANYONE);
        get("/metrics", this::metrics, Access.ANYONE);
        post("/v1/readings", this::postReadings, Access.DEVICE);
        get("/v1/me/status", this::myStatus, Access.PATIENT);
    }

    /** Starts the gateway; returns once it accepts requests. */
    public static Gateway start(GatewayConfig config) {
        Gateway g = new Gateway(config);
        try {
            g.app.start();
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        LOG.info("gateway listening at {} ({} credentials enrolled)", g.url(), g.tokens.size());
        return g;
    }

    public int port() {
        if (config.tls() != null) {
            return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
        }
        return app.port();
    }

    public String url() {
        return (config.tls() != null ? "https" : "http") + "://" + config.host() + ":" + port();
    }

    private void authorize(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.ANYONE)) {
            return;
        }
        String header = ctx.header("Authorization");
        Credential c =
                header != null && header.startsWith("Bearer ")
                        ? tokens.authenticate(header.substring("Bearer ".length()).strip())
                        : null;
        if (c == null) {
            metrics.count(GatewayMetrics.UNAUTHENTICATED);
            ctx.header("WWW-Authenticate", "Bearer realm=\"lymphwatch\"");
            error(ctx, 401, "a valid bearer token is required");
            ctx.skipRemainingHandlers();
            return;
        }
        Access needed = c.kind() == Credential.Kind.DEVICE ? Access.DEVICE : Access.PATIENT;
        if (!roles.contains(needed)) {
            error(ctx, 403, "this token may not call " + ctx.path());
            ctx.skipRemainingHandlers();
            return;
        }
        long wait = rateLimits.tryAcquire(c.keyId());
        if (wait > 0) {
            metrics.count(GatewayMetrics.RATE_LIMITED);
            ctx.header("Retry-After", Long.toString(wait));
            error(ctx, 429, "too many requests");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(CREDENTIAL, c);
    }

    private void postReadings(Context ctx) {
        Credential device = ctx.attribute(CREDENTIAL);
        if (ctx.contentLength() > config.maxBodyBytes()) {
            error(ctx, 413, "the body exceeds " + config.maxBodyBytes() + " bytes");
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > config.maxBodyBytes()) {
            error(ctx, 413, "the body exceeds " + config.maxBodyBytes() + " bytes");
            return;
        }
        ReadingIntake.Outcome outcome = intake.accept(device, body);
        if (outcome instanceof ReadingIntake.Answered a) {
            answer(ctx, a);
        } else if (outcome instanceof ReadingIntake.Malformed m) {
            error(ctx, 400, m.why());
        } else if (outcome instanceof ReadingIntake.TooLarge t) {
            error(ctx, 413, t.why());
        } else if (outcome instanceof ReadingIntake.ForeignPatient) {
            metrics.count(GatewayMetrics.FOREIGN_PATIENT);
            LOG.warn(
                    "device {} (patient {}) posted a reading for another patient; refused",
                    device.subject(),
                    device.patientId());
            error(ctx, 403, "this device may only send readings for its own patient");
        } else {
            metrics.count(GatewayMetrics.KAFKA_UNAVAILABLE);
            ctx.header("Retry-After", RETRY_AFTER_KAFKA_SECONDS);
            error(ctx, 503, "readings cannot be stored right now; send them again later");
        }
    }

    private void answer(Context ctx, ReadingIntake.Answered a) {
        ObjectNode n = Json.object();
        ArrayNode results = n.putArray("results");
        int[] counts = new int[ReadingIntake.Status.values().length];
        for (ReadingIntake.Result r : a.results()) {
            ObjectNode o = results.addObject();
            if (r.readingId() != null) {
                o.put("readingId", r.readingId());
            } else {
                o.putNull("readingId");
            }
            o.put("status", r.status().name());
            if (r.rejection() != null) {
                o.put("reason", r.rejection().reason().name());
                o.put("detail", r.rejection().detail());
                metrics.count(GatewayMetrics.rejected(r.rejection().reason().name()));
            }
            counts[r.status().ordinal()]++;
        }
        for (ReadingIntake.Status s : ReadingIntake.Status.values()) {
            n.put(s.name().toLowerCase(java.util.Locale.ROOT), counts[s.ordinal()]);
            metrics.count(GatewayMetrics.readings(s), counts[s.ordinal()]);
        }
        json(ctx, 202, n);
    }

    private void myStatus(Context ctx) {
        Credential patient = ctx.attribute(CREDENTIAL);
        json(
                ctx,
                200,
                StatusAdvice.of(
                        patient.patientId(),
                        statuses.of(patient.patientId()),
                        received.of(patient.patientId()),
                        OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private void health(Context ctx) {
        ObjectNode n = Json.object();
        n.put("status", "UP");
        n.put("kafka", producer.kafkaUnreachable() ? "UNREACHABLE" : "OK");
        json(ctx, 200, n);
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(
                metrics.prometheus(
                        Map.of(
                                "lymphwatch_gateway_kafka_unreachable",
                                producer.kafkaUnreachable() ? 1L : 0L,
                                "lymphwatch_gateway_status_records_unreadable_total",
                                statuses.unreadable())));
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode n = Json.object();
        n.put("error", message);
        json(ctx, status, n);
    }

    private static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }

    /**
     * Readings answered so far by outcome, and requests refused as unreadable (400): what {@code
     * /metrics} counts, for a caller in this JVM (the demo's progress line).
     *
     * @param accepted readings written to Kafka, so records on the readings topic
     */
    public record Tally(long accepted, long duplicate, long rejected, long malformedRequests) {}

    public Tally tally() {
        return new Tally(
                metrics.get(GatewayMetrics.readings(ReadingIntake.Status.ACCEPTED)),
                metrics.get(GatewayMetrics.readings(ReadingIntake.Status.DUPLICATE)),
                metrics.get(GatewayMetrics.readings(ReadingIntake.Status.REJECTED)),
                metrics.get(GatewayMetrics.requests(400)));
    }

    /** A counter's value, for tests. */
    long counter(String name) {
        return metrics.get(name);
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            statuses.close();
            producer.close();
        }
    }
}

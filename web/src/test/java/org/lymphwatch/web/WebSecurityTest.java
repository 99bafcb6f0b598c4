package org.lymphwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertActionJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.StatusLevel;

/** Each security rule of the web app, checked over HTTP against the running app. */
class WebSecurityTest {

    static final String PATIENT = "p-000001";
    static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-01T08:15:00+01:00");
    // Refused requests try to act on REFUSED; only the one allowed request acts on ALLOWED.
    static final Alert REFUSED = alert("a-refused");
    static final Alert ALLOWED = alert("a-allowed");

    private static CohortStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = CohortStack.start();
        stack.publish(
                new PatientStatus(
                        1,
                        PATIENT,
                        Limb.ARM,
                        Side.LEFT,
                        StatusLevel.LYMPHEDEMA,
                        AT,
                        AT,
                        AT.plusDays(1),
                        11.2,
                        250.0,
                        11.0,
                        null,
                        null,
                        null,
                        0.6,
                        0.2,
                        1.0,
                        0.001,
                        List.of(
                                new OpenAlert(REFUSED, false, null),
                                new OpenAlert(ALLOWED, false, null))),
                REFUSED,
                ALLOWED);
        stack.startWeb(stack.webProperties());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!stack.app.caughtUp() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(stack.app.caughtUp()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void nothingAboutAPatientIsServedWithoutLogin() throws Exception {
        Http http = new Http(stack.app.url());
        for (String path :
                List.of(
                        "/api/board",
                        "/api/patients/" + PATIENT,
                        "/api/patients/" + PATIENT + "/history")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).doesNotContain(PATIENT);
        }
        HttpResponse<String> page = http.get("/patients/" + PATIENT, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
    }

    @Test
    void wrongPasswordIsRefusedAndGivesNoSession() throws Exception {
        Http http = new Http(stack.app.url());
        HttpResponse<String> r = http.logIn(CohortStack.CLINICIAN, "wrong password here");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Wrong clinician id or password");
        assertThat(http.get("/api/board").statusCode()).isEqualTo(401);
        assertThat(http.logIn("c-nobody", CohortStack.PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void loginRenewsTheSessionAndItsCookieIsHttpOnlyAndStrict() throws Exception {
        Http http = new Http(stack.app.url());
        HttpResponse<String> page = http.get("/login");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
        String before = http.cookie;
        assertThat(http.logIn(CohortStack.CLINICIAN, CohortStack.PASSWORD).statusCode())
                .isEqualTo(303);
        assertThat(http.cookie).isNotEqualTo(before);
        assertThat(http.get("/api/board").body()).contains(PATIENT);
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfTokenAreRefused() throws Exception {
        Http http = loggedIn();
        String action = actionPath(REFUSED);
        String body = "{\"action\":\"ACKNOWLEDGE\",\"note\":\"x\"}";
        assertThat(http.postJson(action, body, "Origin", http.base).statusCode()).isEqualTo(403);
        assertThat(
                        http.postJson(action, body, "Origin", http.base, "X-CSRF-Token", "forged")
                                .statusCode())
                .isEqualTo(403);
        // The login form too: no token, no login.
        Http fresh = new Http(stack.app.url());
        fresh.get("/login");
        assertThat(
                        fresh.postForm(
                                        "/login",
                                        Map.of(
                                                "clinicianId", CohortStack.CLINICIAN,
                                                "password", CohortStack.PASSWORD),
                                        "Origin",
                                        fresh.base)
                                .statusCode())
                .isEqualTo(403);
        assertNothingSentFor(REFUSED);
    }

    @Test
    void requestsFromAnotherOriginAreRefused() throws Exception {
        Http http = loggedIn();
        String body = "{\"action\":\"ACKNOWLEDGE\",\"note\":\"x\"}";
        assertThat(
                        http.postJson(
                                        actionPath(REFUSED),
                                        body,
                                        "Origin",
                                        "https://attacker.example",
                                        "X-CSRF-Token",
                                        http.csrf)
                                .statusCode())
                .isEqualTo(403);
        // Neither Origin nor Referer: refused too.
        assertThat(http.postJson(actionPath(REFUSED), body, "X-CSRF-Token", http.csrf).statusCode())
                .isEqualTo(403);
        assertNothingSentFor(REFUSED);
    }

    @Test
    void oversizedRequestsAreRefused() throws Exception {
        Http http = loggedIn();
        String note = "x".repeat(64 * 1024);
        HttpResponse<String> r =
                http.postJson(
                        actionPath(REFUSED),
                        "{\"action\":\"ACKNOWLEDGE\",\"note\":\"" + note + "\"}",
                        http.sameOrigin());
        assertThat(r.statusCode()).isEqualTo(413);
        // Within the size limit but over the note limit: refused as bad input.
        HttpResponse<String> longNote =
                http.postJson(
                        actionPath(REFUSED),
                        "{\"action\":\"ACKNOWLEDGE\",\"note\":\"" + "x".repeat(501) + "\"}",
                        http.sameOrigin());
        assertThat(longNote.statusCode()).isEqualTo(400);
        assertNothingSentFor(REFUSED);
    }

    @Test
    void unknownPatientsAndAlertsAreNotFound() throws Exception {
        Http http = loggedIn();
        for (String path :
                List.of(
                        "/patients/p-999999",
                        "/api/patients/p-999999",
                        "/api/patients/p-999999/history",
                        "/patients/%3Cscript%3E")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("p-999999").doesNotContain("<script>");
        }
        String body = "{\"action\":\"ACKNOWLEDGE\",\"note\":\"x\"}";
        assertThat(
                        http.postJson(
                                        "/api/patients/p-999999/alerts/a-1/actions",
                                        body,
                                        http.sameOrigin())
                                .statusCode())
                .isEqualTo(404);
        assertThat(
                        http.postJson(
                                        "/api/patients/" + PATIENT + "/alerts/a-nope/actions",
                                        body,
                                        http.sameOrigin())
                                .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAllowedActionIsSentAsTheLoggedInClinicianAndAudited() throws Exception {
        Http http = loggedIn();
        HttpResponse<String> r =
                http.postJson(
                        actionPath(ALLOWED),
                        "{\"action\":\"SNOOZE\",\"until\":\"2026-03-08T08:00:00Z\","
                                + "\"note\":\"on holiday\",\"by\":\"c-someone-else\"}",
                        http.sameOrigin());
        assertThat(r.statusCode()).isEqualTo(202);
        List<AlertAction> sent = actionsFor(ALLOWED);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).by()).isEqualTo(CohortStack.CLINICIAN);
        assertThat(sent.get(0).action()).isEqualTo(AlertAction.Kind.SNOOZE);
        assertThat(sent.get(0).until()).isEqualTo(OffsetDateTime.parse("2026-03-08T08:00:00Z"));
        assertThat(http.get("/api/patients/" + PATIENT).body())
                .contains("on holiday", CohortStack.CLINICIAN, "SNOOZE");
        assertThat(Files.readString(stack.dir.resolve("audit.jsonl"))).contains("on holiday");
    }

    @Test
    void pagesAllowNoInlineScript() throws Exception {
        Http http = loggedIn();
        Http loggedOut = new Http(stack.app.url());
        for (String path : List.of("/login", "/", "/patients/" + PATIENT)) {
            HttpResponse<String> r = (path.equals("/login") ? loggedOut : http).get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(
                            csp ->
                                    assertThat(csp)
                                            .contains("script-src 'self'")
                                            .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(r.body()).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        }
    }

    @Test
    void repeatedFailedLoginsAreRateLimited() throws Exception {
        // An app of its own: its throttle must not lock out the other tests.
        Properties p = stack.webProperties();
        p.setProperty("audit.file", stack.dir.resolve("audit-throttle.jsonl").toString());
        try (WebApp app = WebApp.start(WebConfig.of(p, Map.of()))) {
            Http http = new Http(app.url());
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                assertThat(http.logIn(CohortStack.CLINICIAN, "guess " + i).statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> blocked = http.logIn(CohortStack.CLINICIAN, CohortStack.PASSWORD);
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
            assertThat(blocked.body()).contains("Too many failed attempts");
            assertThat(http.get("/api/board").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void overTlsTheCookieIsSecure() throws Exception {
        Path keystore = TestCertificates.selfSigned(stack.dir);
        Properties p = stack.webProperties();
        p.setProperty("tls.pkcs12File", keystore.toString());
        p.setProperty("http.host", "localhost");
        p.setProperty("audit.file", stack.dir.resolve("audit-tls.jsonl").toString());
        try (WebApp app =
                WebApp.start(
                        WebConfig.of(
                                p,
                                Map.of(WebConfig.TLS_PASSWORD_ENV, TestCertificates.PASSWORD)))) {
            assertThat(app.url()).startsWith("https://");
            Http http = new Http(app.url(), TestCertificates.trusting(keystore));
            HttpResponse<String> page = http.get("/login");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("Secure", "HttpOnly", "SameSite=Strict");
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
            assertThat(http.logIn(CohortStack.CLINICIAN, CohortStack.PASSWORD).statusCode())
                    .isEqualTo(303);
        }
        // The same certificate and key as PEM files.
        Path[] pem = TestCertificates.asPem(keystore, stack.dir);
        Properties q = stack.webProperties();
        q.setProperty("tls.certFile", pem[0].toString());
        q.setProperty("tls.keyFile", pem[1].toString());
        q.setProperty("http.host", "localhost");
        q.setProperty("audit.file", stack.dir.resolve("audit-pem.jsonl").toString());
        try (WebApp app = WebApp.start(WebConfig.of(q, Map.of()))) {
            Http http = new Http(app.url(), TestCertificates.trusting(keystore));
            assertThat(http.get("/login").statusCode()).isEqualTo(200);
        }
    }

    private static Http loggedIn() throws Exception {
        Http http = new Http(stack.app.url());
        assertThat(http.logIn(CohortStack.CLINICIAN, CohortStack.PASSWORD).statusCode())
                .isEqualTo(303);
        assertThat(http.csrf).isNotNull();
        return http;
    }

    private static String actionPath(Alert a) {
        return "/api/patients/" + PATIENT + "/alerts/" + a.alertId() + "/actions";
    }

    private static void assertNothingSentFor(Alert a) {
        assertThat(actionsFor(a)).isEmpty();
    }

    private static List<AlertAction> actionsFor(Alert a) {
        List<ConsumerRecord<String, String>> all =
                stack.kafka.readCommitted(
                        "alert-actions", 0, Duration.ZERO, Duration.ofMillis(1500));
        return all.stream()
                .map(r -> AlertActionJson.read(r.value()))
                .filter(x -> x.alertId().equals(a.alertId()))
                .toList();
    }

    private static Alert alert(String id) {
        return new Alert(
                1,
                id,
                PATIENT,
                Limb.ARM,
                Side.LEFT,
                AlertType.LYMPHEDEMA,
                AlertState.OPENED,
                1,
                AT,
                "RVC",
                11.2,
                10.0,
                "Lymphedema likely in the left arm: relative volume change 11.2 % (threshold 10.0 %).",
                List.of("r-1", "r-2"));
    }
}

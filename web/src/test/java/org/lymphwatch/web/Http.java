package org.lymphwatch.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/** A minimal browser for HTTP-level tests: keeps the session cookie, follows no redirects. */
final class Http {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final String base;
    private final HttpClient client;
    String cookie;
    String csrf;

    Http(String base) {
        this(base, HttpClient.newBuilder());
    }

    Http(String base, SSLContext ssl) {
        this(base, HttpClient.newBuilder().sslContext(ssl));
    }

    private Http(String base, HttpClient.Builder builder) {
        this.base = base;
        this.client =
                builder.followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
    }

    HttpResponse<String> get(String path, String... headers)
            throws IOException, InterruptedException {
        return send(request(path, headers).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String... headers)
            throws IOException, InterruptedException {
        String body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return send(
                request(path, headers)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> postJson(String path, String json, String... headers)
            throws IOException, InterruptedException {
        return send(
                request(path, headers)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The headers a same-origin page sends with a state-changing request. */
    String[] sameOrigin() {
        return new String[] {"Origin", base, "X-CSRF-Token", csrf};
    }

    /** Opens the login page (getting a session and its form token) and logs in. */
    HttpResponse<String> logIn(String clinicianId, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login");
        Matcher m = FORM_CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the login page");
        }
        HttpResponse<String> r =
                postForm(
                        "/login",
                        Map.of(
                                "csrf",
                                m.group(1),
                                "clinicianId",
                                clinicianId,
                                "password",
                                password),
                        "Origin",
                        base);
        if (r.statusCode() == 303) {
            Matcher meta =
                    Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"")
                            .matcher(get("/").body());
            csrf = meta.find() ? meta.group(1) : null;
        }
        return r;
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b)
            throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers()
                .firstValue("Set-Cookie")
                .ifPresent(
                        c -> {
                            String pair = c.substring(0, c.indexOf(';'));
                            cookie = pair.endsWith("=") ? null : pair;
                        });
        return r;
    }
}

package org.lymphwatch.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the gateway over real HTTP, as a device or an app would. */
final class GatewayClient {

    private final HttpClient http;
    private final String url;

    GatewayClient(String url) {
        this(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    GatewayClient(String url, HttpClient http) {
        this.url = url;
        this.http = http;
    }

    HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(token == null ? b : b.header("Authorization", "Bearer " + token));
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        return send(token == null ? b : b.header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

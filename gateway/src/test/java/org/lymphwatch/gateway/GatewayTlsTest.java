package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.SelfSignedCertificate;

/**
 * HTTPS with the server certificate from a PKCS12 key store and from PEM files. Kafka is not needed
 * to answer {@code /health}, so the gateway points at a port where nothing listens.
 */
class GatewayTlsTest {

    private static final char[] PASSWORD = "test-only-password".toCharArray();

    @TempDir Path dir;

    @Test
    void servesHttpsFromAPkcs12KeyStoreAndNothingInPlainText() throws Exception {
        Path keystore = selfSigned();
        GatewayConfig config =
                GatewayConfig.builder("127.0.0.1:1", dir.resolve("tokens"))
                        .tls(new GatewayConfig.Tls(keystore, PASSWORD, null, null))
                        .build();

        try (Gateway gateway = Gateway.start(config)) {
            assertThat(gateway.url()).startsWith("https://");
            HttpResponse<String> health =
                    new GatewayClient(gateway.url(), trusting(keystore)).get("/health", null);
            assertThat(health.statusCode()).isEqualTo(200);

            GatewayClient plain = new GatewayClient("http://127.0.0.1:" + gateway.port());
            assertThatThrownBy(() -> plain.get("/health", null))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
    }

    @Test
    void servesHttpsFromPemCertificateAndKeyFiles() throws Exception {
        Path keystore = selfSigned();
        Path cert = dir.resolve("gateway.crt");
        Path key = dir.resolve("gateway.key");
        run(
                "openssl",
                "pkcs12",
                "-in",
                keystore.toString(),
                "-passin",
                "pass:" + new String(PASSWORD),
                "-nokeys",
                "-out",
                cert.toString());
        run(
                "openssl",
                "pkcs12",
                "-in",
                keystore.toString(),
                "-passin",
                "pass:" + new String(PASSWORD),
                "-nocerts",
                "-nodes",
                "-out",
                dir.resolve("key.pem").toString());
        run(
                "openssl",
                "pkcs8",
                "-topk8",
                "-nocrypt",
                "-in",
                dir.resolve("key.pem").toString(),
                "-out",
                key.toString());
        GatewayConfig config =
                GatewayConfig.builder("127.0.0.1:1", dir.resolve("tokens"))
                        .tls(new GatewayConfig.Tls(null, null, cert, key))
                        .build();

        try (Gateway gateway = Gateway.start(config)) {
            HttpResponse<String> health =
                    new GatewayClient(gateway.url(), trusting(keystore)).get("/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    private Path selfSigned() {
        return SelfSignedCertificate.create(dir, new String(PASSWORD)).keystore();
    }

    private static HttpClient trusting(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}

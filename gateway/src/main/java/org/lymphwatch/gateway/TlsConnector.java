package org.lymphwatch.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS connector: the server certificate from a PKCS12 key store, or from PEM files (a
 * certificate chain and an unencrypted PKCS#8 private key, as {@code openssl pkcs8 -topk8 -nocrypt}
 * writes it, RSA or EC). TLS 1.2 and 1.3 only (Jetty's defaults exclude older protocols).
 */
final class TlsConnector {

    private TlsConnector() {}

    static ServerConnector create(Server server, HttpConfiguration http, GatewayConfig config) {
        GatewayConfig.Tls tls = config.tls();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        char[] password = tls.keystorePassword();
        try {
            if (tls.keystore() != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(tls.keystore())) {
                    ks.load(in, password);
                }
                ssl.setKeyStore(ks);
            } else {
                // Only this process holds the in-memory store, so its password is not a secret.
                password = "in-memory".toCharArray();
                ssl.setKeyStore(fromPem(tls, password));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's TLS key material", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "the gateway's TLS key material is unusable: " + e.getMessage(), e);
        }
        ssl.setKeyStorePassword(new String(password));
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Devices may address the gateway by IP; the certificate is checked by the client.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector =
                new ServerConnector(
                        server,
                        new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    private static KeyStore fromPem(GatewayConfig.Tls tls, char[] password)
            throws IOException, GeneralSecurityException {
        List<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(tls.certificate())) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(tls.certificate() + " holds no certificate");
        }
        String pem = Files.readString(tls.privateKey(), StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(
                    tls.privateKey() + " is not an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der =
                Base64.getMimeDecoder()
                        .decode(
                                pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                                        .replaceAll("\\s", ""));
        String algorithm = chain.get(0).getPublicKey().getAlgorithm();
        PrivateKey key =
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("gateway", key, password, chain.toArray(Certificate[]::new));
        return ks;
    }
}

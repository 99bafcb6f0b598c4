package org.lymphwatch.web;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed certificate for localhost, made with the JDK's keytool, for the TLS tests. */
final class TestCertificates {

    static final String PASSWORD = "test-keystore-password";
    private static final String ALIAS = "lymphwatch";

    private TestCertificates() {}

    static Path selfSigned(Path dir) throws Exception {
        Path keystore = dir.resolve("web-tls.p12");
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p =
                new ProcessBuilder(
                                keytool.toString(),
                                "-genkeypair",
                                "-alias",
                                ALIAS,
                                "-keyalg",
                                "RSA",
                                "-keysize",
                                "2048",
                                "-validity",
                                "2",
                                "-dname",
                                "CN=localhost",
                                "-ext",
                                "SAN=dns:localhost,ip:127.0.0.1",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keystore.toString(),
                                "-storepass",
                                PASSWORD,
                                "-keypass",
                                PASSWORD)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return keystore;
    }

    /** The keystore's certificate and key as PEM files: {cert, key}. */
    static Path[] asPem(Path keystore, Path dir) throws Exception {
        KeyStore ks = load(keystore);
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path cert = dir.resolve("web-tls.crt");
        Files.writeString(
                cert,
                "-----BEGIN CERTIFICATE-----\n"
                        + b64.encodeToString(ks.getCertificate(ALIAS).getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        Key key = ks.getKey(ALIAS, PASSWORD.toCharArray());
        Path keyFile = dir.resolve("web-tls.key");
        Files.writeString(
                keyFile,
                "-----BEGIN PRIVATE KEY-----\n"
                        + b64.encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {cert, keyFile};
    }

    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, load(keystore).getCertificate(ALIAS));
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static KeyStore load(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }
}

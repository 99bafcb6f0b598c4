package org.lymphwatch.web;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the TLS certificate and key of {@link WebConfig.Tls} into a KeyStore for Jetty. */
final class TlsKeys {

    /** The in-memory keystore's password for a PEM pair; it never leaves this process. */
    static final char[] PEM_STORE_PASSWORD = "lymphwatch-pem".toCharArray();

    private static final Pattern PKCS8 =
            Pattern.compile(
                    "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsKeys() {}

    /** The keystore and the password of its key. */
    record Loaded(KeyStore store, char[] password) {}

    static Loaded load(WebConfig.Tls tls) throws IOException, GeneralSecurityException {
        if (tls.pkcs12File() != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tls.pkcs12File())) {
                store.load(in, tls.pkcs12Password());
            }
            return new Loaded(store, tls.pkcs12Password());
        }
        List<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(tls.certFile())) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(tls.certFile() + ": no certificate");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "lymphwatch",
                privateKey(tls),
                PEM_STORE_PASSWORD,
                chain.toArray(new Certificate[0]));
        return new Loaded(store, PEM_STORE_PASSWORD);
    }

    private static PrivateKey privateKey(WebConfig.Tls tls)
            throws IOException, GeneralSecurityException {
        Matcher m = PKCS8.matcher(Files.readString(tls.keyFile(), StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new GeneralSecurityException(
                    tls.keyFile()
                            + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
                            + " convert with: openssl pkcs8 -topk8 -nocrypt");
        }
        PKCS8EncodedKeySpec spec =
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException(tls.keyFile() + ": not an RSA, EC or Ed25519 key", last);
    }
}

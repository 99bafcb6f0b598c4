package org.lymphwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool, for the embedded broker and
 * gateway with TLS in tests and local runs: the key store a server presents and the trust store its
 * clients check it against.
 *
 * @param keystore PKCS12 with the private key and certificate
 * @param truststore PKCS12 with the certificate only
 */
public record SelfSignedCertificate(Path keystore, Path truststore, String password) {

    /** Creates both stores in {@code dir} (or reuses them if they are there). */
    public static SelfSignedCertificate create(Path dir, String password) {
        Path keystore = dir.resolve("server.p12");
        Path truststore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.crt");
        if (!Files.exists(keystore)) {
            keytool(
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-validity",
                    "30",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    password);
        }
        if (!Files.exists(truststore)) {
            keytool(
                    "-exportcert",
                    "-alias",
                    "server",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    password,
                    "-rfc",
                    "-file",
                    cert.toString());
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "server",
                    "-file",
                    cert.toString(),
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    truststore.toString(),
                    "-storepass",
                    password);
        }
        return new SelfSignedCertificate(keystore, truststore, password);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + keystore + "]";
    }
}

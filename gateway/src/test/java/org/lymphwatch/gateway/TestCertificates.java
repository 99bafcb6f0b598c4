package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Self-signed certificates for 127.0.0.1, made with the JDK's keytool, for tests only. */
final class TestCertificates {

    static final String PASSWORD = "test-only-password";

    private TestCertificates() {}

    /** A PKCS12 key store with a self-signed EC certificate for 127.0.0.1. */
    static Path keystore(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
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
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    PASSWORD);
        }
        return keystore;
    }

    /** A PKCS12 trust store holding only the certificate of {@link #keystore}. */
    static Path truststore(Path dir) throws Exception {
        Path truststore = dir.resolve("trust.p12");
        if (!Files.exists(truststore)) {
            Path cert = dir.resolve("server.crt");
            keytool(
                    "-exportcert",
                    "-alias",
                    "server",
                    "-keystore",
                    keystore(dir).toString(),
                    "-storepass",
                    PASSWORD,
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
                    PASSWORD);
        }
        return truststore;
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        run(command);
    }
}

package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.KafkaSecurity;
import org.lymphwatch.embedded.SelfSignedCertificate;
import picocli.CommandLine;

/** {@code simulate --kafka --kafka-config} against a SASL_SSL broker with ACLs. */
class SimulateSecuredKafkaTest {

    @TempDir static Path dir;
    private static KafkaSecurity security;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "test-only-password");
        security = KafkaSecurity.forTest(cert, "simulator");
        kafka = EmbeddedKafka.startSecured(security);
        kafka.createCompactedTopic("patients", 1);
        kafka.createTopics(1, "readings");
        kafka.grant("simulator", "patients", AclOperation.WRITE, AclOperation.DESCRIBE);
        kafka.grant("simulator", "readings", AclOperation.WRITE, AclOperation.DESCRIBE);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void publishesWithTheSecuritySettingsFromTheConfigFile() throws Exception {
        Path settings = dir.resolve("kafka.properties");
        Files.writeString(
                settings,
                security.clientProperties("simulator").entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                        .collect(Collectors.joining("\n")));
        StringWriter err = new StringWriter();
        CommandLine cl = Lymphwatch.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));

        int code =
                cl.execute(
                        "simulate",
                        "--patients",
                        "3",
                        "--days",
                        "20",
                        "--seed",
                        "4",
                        "--no-faults",
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-config",
                        settings.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(kafka.readCommitted("patients", 3, Duration.ofSeconds(30), Duration.ZERO))
                .hasSize(3);
    }
}

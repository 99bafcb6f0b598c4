package org.lymphwatch.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lymphwatch.gateway.Gateway;
import org.lymphwatch.gateway.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the HTTP gateway for home devices and patients' apps until stopped. */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "Run the device and patient gateway in front of Kafka (README: The gateway).",
            "Config keys: gateway.tokens, kafka.bootstrap.servers (required); gateway.host"
                    + " (127.0.0.1), gateway.port (8088), gateway.max.batch (500),"
                    + " gateway.max.body.bytes (524288), gateway.requests.per.minute (120),"
                    + " gateway.send.timeout.ms (10000), gateway.recent.readings (200000),"
                    + " gateway.readings.topic, gateway.status.topic; TLS: gateway.tls.keystore"
                    + " (PKCS12) with gateway.tls.keystore.password.file or $"
                    + GatewayConfig.KEYSTORE_PASSWORD_ENV
                    + ", or gateway.tls.certificate and gateway.tls.private.key (PEM). Every"
                    + " other kafka.* key goes to the Kafka clients (e.g. kafka.security.protocol)."
        })
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "gateway properties file")
    Path config;

    @Override
    public Integer call() throws Exception {
        GatewayConfig gatewayConfig = load(config);
        try (Gateway gateway = Gateway.start(gatewayConfig)) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("gateway listening at " + gateway.url());
            stopped.await();
        }
        return 0;
    }

    static GatewayConfig load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the config file");
        }
        try {
            return GatewayConfig.from(p, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }
}

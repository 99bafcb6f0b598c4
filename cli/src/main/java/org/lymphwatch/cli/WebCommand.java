package org.lymphwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lymphwatch.web.WebApp;
import org.lymphwatch.web.WebConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the clinicians' web app until the process is stopped. */
@Command(
        name = "web",
        mixinStandardHelpOptions = true,
        description = {
            "Run the clinicians' web app: triage board, patient pages, alert actions.",
            "Settings from --config (properties) and/or environment variables"
                    + " (kafka.bootstrap -> $LYMPHWATCH_KAFKA_BOOTSTRAP).",
            "Keys: " + WebConfig.KEYS
        })
final class WebCommand implements Callable<Integer> {

    @Option(names = "--config", description = "web app properties file")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isReadable(config)) {
            throw new BadInputException(config + ": cannot read the config file");
        }
        WebConfig webConfig;
        try {
            webConfig = WebConfig.load(config, System.getenv());
        } catch (IllegalArgumentException | IOException e) {
            throw new BadInputException((config == null ? "" : config + ": ") + e.getMessage());
        }
        WebApp app = WebApp.start(webConfig);
        System.out.println("lymphwatch web app: " + app.url());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        app.close();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    stopped.countDown();
                                }));
        stopped.await();
        return 0;
    }
}

package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lymphwatch.gateway.Gateway;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.StatusLevel;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.GatewayPublisher;

/**
 * The demo headless on a small cohort: the devices' readings reach the store through the gateway,
 * what its triage summary says is what the job committed to {@code alerts} and wrote to the store,
 * and closing it releases every thread, port and temporary directory.
 */
class DemoTest {

    @Test
    void theTriageSummaryMatchesTheAlertsAndTheStoreAndNothingIsLeftRunning() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // Ninety days in about fifteen seconds.
        Demo demo = Demo.start(CohortConfig.of(25, 150, 4L), 150 * 86_400.0 / 15);
        String kafka = demo.stack().kafka.bootstrapServers();
        String store = demo.stack().store.influxUrl();
        String gateway = demo.gatewayUrl();
        List<Path> temporary = demo.temporaryDirectories();
        assertThat(temporary).allMatch(Files::isDirectory);
        Map<String, PatientStatus> statuses;
        Gateway.Tally tally;
        GatewayPublisher.Report devices;
        long onReadingsTopic;
        Set<String> readingsInStore = new TreeSet<>();
        String progress;
        Map<String, Set<String>> openOnAlerts;
        Map<String, String> levelInStore = new TreeMap<>();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            int caughtUp = 0;
            while (caughtUp < 4 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                assertThat(DemoCommand.line(demo.progress())).contains("gateway stored");
                caughtUp = demo.caughtUp() ? caughtUp + 1 : 0;
            }
            assertThat(caughtUp).as("the job caught up with the devices").isEqualTo(4);
            statuses = demo.statuses();
            tally = demo.gatewayTally();
            devices = demo.devicesReport();
            progress = DemoCommand.line(demo.progress());
            onReadingsTopic =
                    demo.stack().kafka.readAllCommitted(demo.config().topics().readings()).size();
            openOnAlerts = openAlerts(demo);
            demo.stack().awaitStore();
            for (Map<String, Object> row :
                    demo.stack()
                            .store
                            .query(
                                    "SELECT patient, level FROM patient_status"
                                            + " LATEST ON timestamp PARTITION BY patient")) {
                levelInStore.put((String) row.get("patient"), (String) row.get("level"));
            }
            for (Map<String, Object> row :
                    demo.stack()
                            .store
                            .query(
                                    "SELECT reading_id FROM limb_volume UNION SELECT reading_id"
                                            + " FROM bioimpedance UNION SELECT reading_id FROM"
                                            + " patient_context")) {
                readingsInStore.add((String) row.get("reading_id"));
            }
        } finally {
            demo.close();
        }

        // Every reading reached Kafka through the gateway, once: what it counted as accepted is
        // what is on the topic, and the store holds exactly the readings the devices were told
        // are stored (accepted, or a duplicate of one accepted).
        assertThat(devices).as("the devices finished posting").isNotNull();
        assertThat(tally.accepted()).isPositive().isEqualTo(onReadingsTopic);
        assertThat(devices.stored()).hasSize((int) tally.accepted());
        assertThat(readingsInStore).isEqualTo(new TreeSet<>(devices.stored()));
        // The simulator's duplicates and lost answers come back DUPLICATE, its malformed messages
        // are refused at the gateway, and the progress line counts those refusals as rejected.
        assertThat(tally.duplicate()).isPositive();
        assertThat(tally.rejected() + tally.malformedRequests()).isPositive();
        assertThat(devices.rejected() + devices.refused())
                .isEqualTo(tally.rejected() + tally.malformedRequests());
        assertThat(progress)
                .contains("gateway stored " + tally.accepted() + ",")
                .contains("processed " + tally.accepted() + " ");

        assertThat(statuses).hasSize(25);
        Map<String, Set<String>> openInStatus = new TreeMap<>();
        Map<String, String> levels = new TreeMap<>();
        statuses.forEach(
                (patient, s) -> {
                    levels.put(patient, s.level().name());
                    Set<String> ids =
                            s.openAlerts().stream()
                                    .map(a -> a.alert().alertId())
                                    .collect(Collectors.toCollection(TreeSet::new));
                    if (!ids.isEmpty()) {
                        openInStatus.put(patient, ids);
                    }
                });
        assertThat(openInStatus).isEqualTo(openOnAlerts);
        assertThat(levelInStore).isEqualTo(levels);
        assertThat(statuses.values()).anyMatch(s -> s.level() != StatusLevel.OK);

        StringWriter text = new StringWriter();
        DemoCommand.summary(statuses, null, new PrintWriter(text));
        for (PatientStatus s : statuses.values()) {
            if (s.level() != StatusLevel.OK) {
                assertThat(text.toString()).contains(s.patientId() + " ");
            }
        }

        assertThat(refuses(URI.create("tcp://" + kafka))).as("Kafka port closed").isTrue();
        assertThat(refuses(URI.create(store))).as("QuestDB port closed").isTrue();
        assertThat(refuses(URI.create(gateway))).as("gateway port closed").isTrue();
        assertThat(temporary).as("temporary directories").noneMatch(Files::exists);
        assertThat(newThreadsStillAlive(before)).isEmpty();
    }

    /** Per patient, the alert ids whose newest event on {@code alerts} is not RESOLVED. */
    private static Map<String, Set<String>> openAlerts(Demo demo) {
        Map<String, Alert> latest = new HashMap<>();
        for (var r : demo.stack().kafka.readAllCommitted(demo.config().topics().alerts())) {
            Alert a = AlertJson.read(r.value());
            latest.merge(a.alertId(), a, (x, y) -> y.revision() > x.revision() ? y : x);
        }
        Map<String, Set<String>> open = new TreeMap<>();
        for (Alert a : latest.values()) {
            if (a.state() != AlertState.RESOLVED) {
                open.computeIfAbsent(a.patientId(), k -> new TreeSet<>()).add(a.alertId());
            }
        }
        return open;
    }

    private static boolean refuses(URI address) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.getHost(), address.getPort()), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Non-daemon threads the demo started that are still running a few seconds after close. */
    private static List<String> newThreadsStillAlive(Set<Thread> before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> alive;
        do {
            Thread.sleep(500);
            alive =
                    Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                            .map(Thread::getName)
                            .toList();
        } while (!alive.isEmpty() && System.nanoTime() < deadline);
        return alive;
    }
}

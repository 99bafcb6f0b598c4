package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.Reading;

/**
 * Savepoints outlive releases: monitor state written by an earlier lymphwatch must restore in this
 * one. {@code state/monitor-state-v1.bin} holds the state of a fixed two-year history as version 1
 * wrote it. When the layout changes, raise {@link MonitorStateCodec#VERSION}, keep reading version
 * 1, and add the new version's file (regenerate with {@code -Dlymphwatch.writeState=DIR}).
 */
class MonitorStateCompatibilityTest {

    private static final String V1 = "/state/monitor-state-v1.bin";

    /** Two busy years with an alert acknowledged and one snoozed: every part of the state. */
    static MonitorState history() {
        PatientMonitor m = new PatientMonitor(Cases.patient("p-1"), Thresholds.DEFAULT);
        List<Reading> readings = MonitorStateTest.twoYears("p-1");
        Cases.feed(m, readings.subList(0, readings.size() - 60));
        for (var open : m.openAlerts()) {
            m.onAction(
                    new AlertAction(
                            1,
                            "p-1",
                            open.alert().alertId(),
                            AlertAction.Kind.ACKNOWLEDGE,
                            null,
                            "nurse-7",
                            Cases.day(700)));
        }
        Cases.feed(m, readings.subList(readings.size() - 60, readings.size()));
        return m.state();
    }

    @Test
    void stateWrittenByVersionOneRestoresIdentically() throws IOException {
        MonitorState restored;
        try (InputStream in = getClass().getResourceAsStream(V1)) {
            assertThat(in).as(V1).isNotNull();
            restored = MonitorStateCodec.read(new DataInputStream(in));
        }
        assertThat(restored).isEqualTo(history());
        assertThat(restored.readings()).isGreaterThan(100);
    }

    @Test
    void theLayoutIsStillVersionOne() throws IOException {
        byte[] now = history().toBytes();
        String out = System.getProperty("lymphwatch.writeState");
        if (out != null) {
            Files.write(Path.of(out, "monitor-state-v" + MonitorStateCodec.VERSION + ".bin"), now);
        }
        byte[] v1;
        try (InputStream in = getClass().getResourceAsStream(V1)) {
            v1 = in.readAllBytes();
        }
        // Equal bytes: this version writes what version 1 wrote. If this fails, the layout
        // changed: raise VERSION and keep a reader for version 1 (see the class comment).
        assertThat(MonitorStateCodec.VERSION).isEqualTo(1);
        assertThat(now).isEqualTo(v1);
    }

    @Test
    void aNewerLayoutIsRefusedRatherThanMisread() {
        byte[] bytes = history().toBytes();
        bytes[0] = (byte) (MonitorStateCodec.VERSION + 1);
        assertThatThrownBy(
                        () ->
                                MonitorStateCodec.read(
                                        new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version " + (MonitorStateCodec.VERSION + 1));
    }
}

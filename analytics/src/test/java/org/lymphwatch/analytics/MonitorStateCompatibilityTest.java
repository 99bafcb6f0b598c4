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
import org.lymphwatch.model.Reading;

/**
 * Savepoints outlive releases: monitor state written by an earlier lymphwatch must restore in this
 * one. {@code state/monitor-state-vN.bin} holds the state of a fixed two-year history as version N
 * wrote it. When the layout changes, raise {@link MonitorStateCodec#VERSION}, keep reading the
 * older versions, and add the new version's file (regenerate with {@code
 * -Dlymphwatch.writeState=DIR}).
 */
class MonitorStateCompatibilityTest {

    private static final String V1 = "/state/monitor-state-v1.bin";
    private static final String V2 = "/state/monitor-state-v2.bin";

    /**
     * The rules version 1 was written with: no reopen cooldown (so no resolutions remembered, the
     * part version 2 added) and STALE_DATA after cadence x 3 days.
     */
    static final Thresholds VERSION_ONE_RULES =
            ThresholdsJson.read(
                    "{\"confirmation\": {\"reopenCooldown\": \"PT0S\"},"
                            + " \"timing\": {\"staleCadenceFactor\": 3, \"staleMinimumDays\": 0}}");

    /** Two busy years with an alert acknowledged and one snoozed: every part of the state. */
    static MonitorState history() {
        return history(Thresholds.DEFAULT);
    }

    static MonitorState history(Thresholds rules) {
        PatientMonitor m = new PatientMonitor(Cases.patient("p-1"), rules);
        List<Reading> readings = MonitorStateTest.twoYears("p-1");
        Cases.feed(m, readings.subList(0, readings.size() - 60));
        for (var open : m.openAlerts()) {
            m.onAction(Cases.acknowledge(open.alert().alertId()));
        }
        Cases.feed(m, readings.subList(readings.size() - 60, readings.size()));
        return m.state();
    }

    private MonitorState restore(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return MonitorStateCodec.read(new DataInputStream(in));
        }
    }

    @Test
    void stateWrittenByVersionOneRestoresIdentically() throws IOException {
        MonitorState restored = restore(V1);

        assertThat(restored).isEqualTo(history(VERSION_ONE_RULES));
        assertThat(restored.readings()).isGreaterThan(100);
    }

    @Test
    void stateWrittenByVersionOneCarriesOnUnderTheCurrentRules() throws IOException {
        // An upgraded job resumes version-1 state with nothing remembered of past resolutions
        // and goes on writing version 2, which reads back as it was.
        PatientMonitor m = PatientMonitor.resume(restore(V1), Thresholds.DEFAULT);

        Cases.feed(m, Cases.rvcDays("p-1", 731, 760, 16));

        byte[] bytes = m.state().toBytes();
        assertThat(bytes[0]).isEqualTo((byte) MonitorStateCodec.VERSION);
        assertThat(MonitorState.fromBytes(bytes)).isEqualTo(m.state());
        assertThat(m.openAlerts())
                .extracting(a -> a.alert().type())
                .contains(org.lymphwatch.model.AlertType.LYMPHEDEMA);
    }

    @Test
    void stateWrittenByVersionTwoRestoresIdentically() throws IOException {
        MonitorState restored = restore(V2);

        assertThat(restored).isEqualTo(history());
        // The part version 2 added is in the resource: a trend episode resolved within the
        // cooldown, remembered in the machine before the readings held.
        List<AlertStateMachine> machines = new java.util.ArrayList<>();
        machines.add(restored.timeline.base);
        restored.timeline.transitions.forEach(tr -> machines.add(tr.after()));
        assertThat(machines).anySatisfy(m -> assertThat(m.resolvedMs()).isNotEmpty());
    }

    @Test
    void theLayoutIsStillVersionTwo() throws IOException {
        byte[] now = history().toBytes();
        String out = System.getProperty("lymphwatch.writeState");
        if (out != null) {
            Files.write(Path.of(out, "monitor-state-v" + MonitorStateCodec.VERSION + ".bin"), now);
        }
        byte[] v2;
        try (InputStream in = getClass().getResourceAsStream(V2)) {
            v2 = in.readAllBytes();
        }
        // Equal bytes: this version writes what version 2 wrote. If this fails, the layout
        // changed: raise VERSION and keep a reader for version 2 (see the class comment).
        assertThat(MonitorStateCodec.VERSION).isEqualTo(2);
        assertThat(now).isEqualTo(v2);
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

package org.lymphwatch.research;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * Five patients, followed from surgery on 2024-01-01 for 366 days (to 2025-01-01), with alerts
 * whose scores are worked out by hand in {@link ScoringTest}:
 *
 * <ul>
 *   <li>p-1, lymphedema (onset 06-01, RVC 10 % on 07-01), daily, baseline, perometer: SUBCLINICAL
 *       06-03 to 07-11, LYMPHEDEMA from 07-11 (delay +10 days).
 *   <li>p-2, lymphedema (onset 05-01, 10 % on 06-01), weekly, no baseline, tape: LYMPHEDEMA from
 *       05-25 (delay -7 days).
 *   <li>p-3, lymphedema (onset 03-01, 10 % on 04-01), daily, baseline, perometer: LYMPHEDEMA only
 *       on 09-01, 153 days late: a true alarm, but not a detection within a 90-day horizon.
 *   <li>p-4, no swelling, daily, baseline, perometer: a LYMPHEDEMA episode 05-01 to 05-20, REOPENED
 *       06-01 to 06-10 (a flap), and a new one in the same slot from 08-01 (52 days later: no
 *       flap); STALE_DATA 02-01 to 02-03 and 02-20 to 02-22 (a flap), the second during a
 *       measurement gap 02-18 to 02-25 whose 3-day allowance ran out on 02-21 (delay -1 day).
 *   <li>p-5, transient (onset 04-01), daily, baseline, perometer: SUBCLINICAL 04-05 to 05-01.
 * </ul>
 */
final class TinyCohort {

    static final LocalDate SURGERY = LocalDate.of(2024, 1, 1);
    static final String END = "2025-01-01T00:00:00Z";

    private final List<Alert> alerts = new ArrayList<>();

    private TinyCohort() {}

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Baseline baseline = new Baseline(2400.0, 2450.0, null);
        List<String> patients =
                List.of(
                        patient("p-1", 1, baseline),
                        patient("p-2", 7, null),
                        patient("p-3", 1, baseline),
                        patient("p-4", 1, baseline),
                        patient("p-5", 1, baseline));
        Files.write(dir.resolve("patients.jsonl"), patients, StandardCharsets.UTF_8);
        List<String> truth =
                List.of(
                        truth("p-1", "LYMPHEDEMA", "2024-06-01", "2024-07-01", ""),
                        truth("p-2", "LYMPHEDEMA", "2024-05-01", "2024-06-01", ""),
                        truth("p-3", "LYMPHEDEMA", "2024-03-01", "2024-04-01", ""),
                        truth(
                                "p-4",
                                "NONE",
                                null,
                                null,
                                "{\"type\":\"MEASUREMENT_GAP\",\"from\":\"2024-02-18T00:00:00Z\","
                                        + "\"to\":\"2024-02-25T00:00:00Z\"}"),
                        truth("p-5", "TRANSIENT", "2024-04-01", null, ""));
        Files.write(dir.resolve("truth.jsonl"), truth, StandardCharsets.UTF_8);
        List<String> readings = new ArrayList<>();
        for (String id : List.of("p-1", "p-3", "p-4", "p-5")) {
            readings.add(
                    ReadingJson.write(
                            Reading.limbVolume(
                                    "r-" + id,
                                    id,
                                    "perometer-1",
                                    t("2024-12-30"),
                                    Limb.ARM,
                                    Side.LEFT,
                                    2500,
                                    VolumeMethod.PEROMETER)));
        }
        readings.add(
                ReadingJson.write(
                        Reading.circumferences(
                                "r-p-2",
                                "p-2",
                                "tape-1",
                                t("2024-12-28"),
                                Limb.ARM,
                                Side.LEFT,
                                4,
                                new double[] {16, 18, 20, 22, 24, 26})));
        Files.write(dir.resolve("readings.jsonl"), readings, StandardCharsets.UTF_8);
    }

    /** Writes the alert events described above to DIR/alerts.jsonl. */
    static Path writeAlerts(Path dir) throws IOException {
        TinyCohort c = new TinyCohort();
        c.episode("p-1", AlertType.SUBCLINICAL, "2024-06-03", "2024-07-11");
        c.episode("p-1", AlertType.LYMPHEDEMA, "2024-07-11", null);
        c.episode("p-2", AlertType.LYMPHEDEMA, "2024-05-25", null);
        c.episode("p-3", AlertType.LYMPHEDEMA, "2024-09-01", null);
        String flapping = c.episode("p-4", AlertType.LYMPHEDEMA, "2024-05-01", "2024-05-20");
        c.event(flapping, "p-4", AlertType.LYMPHEDEMA, AlertState.REOPENED, 3, "2024-06-01");
        c.event(flapping, "p-4", AlertType.LYMPHEDEMA, AlertState.RESOLVED, 4, "2024-06-10");
        c.episode("p-4", AlertType.LYMPHEDEMA, "2024-08-01", null);
        c.episode("p-4", AlertType.STALE_DATA, "2024-02-01", "2024-02-03");
        c.episode("p-4", AlertType.STALE_DATA, "2024-02-20", "2024-02-22");
        c.episode("p-5", AlertType.SUBCLINICAL, "2024-04-05", "2024-05-01");
        c.alerts.sort((a, b) -> a.at().compareTo(b.at()));
        Files.createDirectories(dir);
        Path file = dir.resolve("alerts.jsonl");
        Files.write(file, c.alerts.stream().map(AlertJson::write).toList(), StandardCharsets.UTF_8);
        return file;
    }

    private String episode(String patient, AlertType type, String opened, String resolved) {
        String slot = type == AlertType.STALE_DATA ? type + ":ARM" : type + ":ARM:LEFT";
        String id = patient + ":" + slot + ":" + opened.replace("-", "") + "T000000Z";
        event(id, patient, type, AlertState.OPENED, 1, opened);
        if (resolved != null) {
            event(id, patient, type, AlertState.RESOLVED, 2, resolved);
        }
        return id;
    }

    private void event(
            String id, String patient, AlertType type, AlertState state, int revision, String at) {
        alerts.add(
                new Alert(
                        1,
                        id,
                        patient,
                        Limb.ARM,
                        type == AlertType.STALE_DATA ? null : Side.LEFT,
                        type,
                        state,
                        revision,
                        t(at),
                        "RVC",
                        12.0,
                        10.0,
                        "test",
                        List.of()));
    }

    private static String patient(String id, int cadence, Baseline baseline) {
        return PatientJson.write(
                new Patient(1, id, Limb.ARM, Side.LEFT, Side.RIGHT, SURGERY, cadence, baseline));
    }

    private static String truth(
            String id, String course, String onset, String lymphedema, String episodes) {
        StringBuilder b =
                new StringBuilder("{\"patientId\":\"" + id + "\",\"course\":\"" + course + "\"");
        if (onset != null) {
            b.append(",\"onsetAt\":\"").append(t(onset)).append('"');
        }
        if (lymphedema != null) {
            b.append(",\"lymphedemaAt\":\"").append(t(lymphedema)).append('"');
        }
        return b.append(",\"episodes\":[")
                .append(episodes)
                .append("],\"followUpEnd\":\"")
                .append(END)
                .append("\"}")
                .toString();
    }

    static OffsetDateTime t(String date) {
        return OffsetDateTime.parse(date + "T00:00:00Z");
    }
}

package org.lymphwatch.research;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.InvalidMessage;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.Validation;

/**
 * Reads what {@code evaluate} needs from files: the cohort (DIR/patients.jsonl, DIR/truth.jsonl,
 * DIR/readings.jsonl) and alert files. Readings the validator rejects are ignored here, as the
 * analyzer ignores them.
 */
public final class CohortFiles {

    public static final String PATIENTS = "patients.jsonl";
    public static final String TRUTH = "truth.jsonl";
    public static final String READINGS = "readings.jsonl";

    /** Devices in the order their names are joined. */
    private enum Device {
        PEROMETER,
        WATER_DISPLACEMENT,
        SCAN_3D,
        TAPE,
        BIOIMPEDANCE
    }

    private CohortFiles() {}

    /**
     * @throws BadFileException naming the file and line of anything that breaks the contract, or a
     *     truth line for a patient not in patients.jsonl
     */
    public static Cohort read(Path dir) throws IOException {
        Map<String, Patient> patients = new HashMap<>();
        Path patientsFile = dir.resolve(PATIENTS);
        eachLine(
                patientsFile,
                (line, n) -> {
                    try {
                        Patient p = PatientJson.read(line);
                        patients.put(p.patientId(), p);
                    } catch (InvalidMessage e) {
                        throw BadFileException.atLine(
                                patientsFile, n, e.reason() + ": " + e.detail());
                    }
                });
        Map<String, Truth> truths = new HashMap<>();
        Path truthFile = dir.resolve(TRUTH);
        eachLine(
                truthFile,
                (line, n) -> {
                    Truth t;
                    try {
                        t = TruthJson.read(line);
                    } catch (IllegalArgumentException e) {
                        throw BadFileException.atLine(truthFile, n, e.getMessage());
                    }
                    if (!patients.containsKey(t.patientId())) {
                        throw BadFileException.atLine(
                                truthFile,
                                n,
                                "patient " + t.patientId() + " is not in " + PATIENTS);
                    }
                    truths.put(t.patientId(), t);
                });
        Map<String, Set<Device>> devices = new HashMap<>();
        Map<String, OffsetDateTime> last = new HashMap<>();
        ReadingValidator validator = new ReadingValidator();
        Instant receivedAt = Instant.now();
        eachLine(
                dir.resolve(READINGS),
                (line, n) -> {
                    if (!(validator.validate(line, receivedAt) instanceof Validation.Accepted a)) {
                        return;
                    }
                    Reading r = a.reading();
                    Device d = device(r);
                    if (d != null) {
                        devices.computeIfAbsent(r.patientId(), k -> EnumSet.noneOf(Device.class))
                                .add(d);
                    }
                    last.merge(
                            r.patientId(),
                            r.measuredAt(),
                            (x, y) -> x.toInstant().isAfter(y.toInstant()) ? x : y);
                });
        Map<String, String> labels = new HashMap<>();
        devices.forEach(
                (id, set) -> {
                    StringJoiner j = new StringJoiner("+");
                    set.forEach(d -> j.add(d.name()));
                    labels.put(id, j.toString());
                });
        return Cohort.of(patients, truths, labels, last);
    }

    private static Device device(Reading r) {
        if (r.kind() == ReadingKind.CIRCUMFERENCES) {
            return Device.TAPE;
        }
        if (r.kind() == ReadingKind.BIOIMPEDANCE) {
            return Device.BIOIMPEDANCE;
        }
        if (r.kind() == ReadingKind.LIMB_VOLUME) {
            return r.method() == null ? null : Device.valueOf(r.method().name());
        }
        return null;
    }

    /** Every event of an alerts.jsonl file. */
    public static List<Alert> alerts(Path file) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        eachLine(
                file,
                (line, n) -> {
                    try {
                        alerts.add(AlertJson.read(line));
                    } catch (InvalidMessage e) {
                        throw BadFileException.atLine(file, n, e.reason() + ": " + e.detail());
                    }
                });
        return alerts;
    }

    /** Non-blank lines with their 1-based numbers; undecodable bytes become U+FFFD. */
    static void eachLine(Path file, BiConsumer<String, Long> action) throws IOException {
        if (!Files.isReadable(file)) {
            throw new BadFileException(file + ": not found");
        }
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
                        1 << 20)) {
            long n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (!line.isBlank()) {
                    action.accept(line, n);
                }
            }
        }
    }
}

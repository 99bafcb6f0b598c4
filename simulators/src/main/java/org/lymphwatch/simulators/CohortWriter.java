package org.lymphwatch.simulators;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;

/**
 * Writes a cohort as DIR/patients.jsonl (index order), DIR/readings.jsonl (arrival order, faults
 * included, exactly the bytes that would travel on Kafka) and DIR/truth.jsonl (index order),
 * streaming: memory grows with the number of patients (their models), not with the messages.
 */
public final class CohortWriter {

    public static final String PATIENTS = "patients.jsonl";
    public static final String READINGS = "readings.jsonl";
    public static final String TRUTH = "truth.jsonl";

    private static final int BUFFER = 1 << 20;

    private CohortWriter() {}

    /**
     * @return the number of messages written to readings.jsonl
     */
    public static long write(CohortStream cohort, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = open(dir.resolve(PATIENTS))) {
            for (Patient p : cohort.patients()) {
                line(w, PatientJson.write(p));
            }
        }
        long messages = 0;
        try (Writer w = open(dir.resolve(READINGS))) {
            while (cohort.hasNext()) {
                line(w, cohort.next().message());
                messages++;
            }
        }
        try (Writer w = open(dir.resolve(TRUTH))) {
            for (GroundTruth t : cohort.truths()) {
                line(w, t.toJson());
            }
        }
        return messages;
    }

    private static Writer open(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), BUFFER);
    }

    private static void line(Writer w, String json) throws IOException {
        w.write(json);
        w.write('\n');
    }
}

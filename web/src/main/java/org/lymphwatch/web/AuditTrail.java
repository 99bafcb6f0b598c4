package org.lymphwatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.Json;

/**
 * Who did what to which alert, when, and why: one JSON line per action in an append-only file
 * (audit.jsonl), each line written and synced to disk before the clinician is told the action was
 * sent.
 *
 * <p>A file and not a Kafka topic because of the note: it is free text a clinician types, and free
 * text about a patient should stay on the one host that needs it, readable by the app's user only,
 * instead of travelling to every consumer of a topic and into the job's state. {@code
 * alert-actions} carries only the structured action.
 */
final class AuditTrail {

    /** One audited action. */
    record Entry(AlertAction action, String note) {}

    static final int MAX_NOTE_LENGTH = 500;

    private final Path file;
    private final Map<String, List<Entry>> byPatient = new HashMap<>();

    private AuditTrail(Path file) {
        this.file = file;
    }

    /** Opens the trail, reading what earlier runs recorded. */
    static AuditTrail open(Path file) throws IOException {
        AuditTrail trail = new AuditTrail(file);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!Files.exists(file)) {
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's permissions apply.
            }
        }
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = Json.mapper().readTree(line);
                Entry e =
                        new Entry(
                                org.lymphwatch.model.AlertActionJson.read(
                                        n.get("action").toString()),
                                n.path("note").asText(""));
                trail.byPatient
                        .computeIfAbsent(e.action().patientId(), p -> new ArrayList<>())
                        .add(e);
            } catch (IOException | RuntimeException ex) {
                throw new IOException(file + ":" + lineNo + ": not an audit entry");
            }
        }
        return trail;
    }

    synchronized void record(AlertAction action, String note) throws IOException {
        ObjectNode n = Json.object();
        n.set("action", Json.mapper().readTree(org.lymphwatch.model.AlertActionJson.write(action)));
        n.put("note", note);
        Files.writeString(
                file,
                Json.write(n) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND,
                StandardOpenOption.DSYNC);
        byPatient
                .computeIfAbsent(action.patientId(), p -> new ArrayList<>())
                .add(new Entry(action, note));
    }

    /** The patient's audited actions, newest first. */
    synchronized List<Entry> of(String patientId) {
        List<Entry> entries = new ArrayList<>(byPatient.getOrDefault(patientId, List.of()));
        entries.sort(
                java.util.Comparator.comparing(
                                (Entry e) -> e.action().at(), OffsetDateTime.timeLineOrder())
                        .reversed());
        return entries;
    }
}

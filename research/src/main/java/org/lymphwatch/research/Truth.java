package org.lymphwatch.research;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What really happened to one patient (a line of truth.jsonl, DESIGN section 3), as the simulator
 * knows it from the noise-free model. Times that did not happen are null.
 *
 * @param course NONE, TRANSIENT or LYMPHEDEMA
 * @param onsetAt when the true RVC first reached 5 %
 * @param lymphedemaAt when the true RVC first reached 10 %
 * @param respondsToMassage for patients with a massage course, whether it works
 * @param followUpEnd the end of the patient's follow-up; null in files written before it was
 *     recorded (the patient's last reading stands in)
 */
public record Truth(
        String patientId,
        String course,
        OffsetDateTime onsetAt,
        OffsetDateTime lymphedemaAt,
        List<Episode> episodes,
        Boolean respondsToMassage,
        OffsetDateTime followUpEnd) {

    public static final String LYMPHEDEMA = "LYMPHEDEMA";
    public static final String TRANSIENT = "TRANSIENT";
    public static final String NONE = "NONE";

    public Truth {
        episodes = List.copyOf(episodes);
    }

    /** A stretch of time that matters for scoring, from (included) to (excluded). */
    public record Episode(String type, OffsetDateTime from, OffsetDateTime to) {}

    public List<Episode> episodes(String type) {
        return episodes.stream().filter(e -> e.type().equals(type)).toList();
    }
}

package org.lymphwatch.simulators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lymphwatch.model.Json;

/**
 * What really happened to a patient during follow-up (a line of truth.jsonl), computed from the
 * noise-free daily (waking) volumes, never from readings. Days count from surgery; a day's time is
 * its local midnight, and an episode's {@code to} is the midnight after its last day.
 *
 * @param course NONE unless the RVC reached 5% during follow-up; then the patient's course
 * @param onsetDay first day the true RVC is at least 5%, or null
 * @param lymphedemaDay first day the true RVC is at least 10%, or null
 * @param respondsToMassage for patients with a massage course, whether it works; else null
 * @param followUpDays days of follow-up from surgery, so scores per patient-year are exact
 */
public record GroundTruth(
        String patientId,
        CourseKind course,
        Integer onsetDay,
        Integer lymphedemaDay,
        List<Episode> episodes,
        Boolean respondsToMassage,
        LocalDate surgeryDate,
        ZoneId zone,
        int followUpDays) {

    static GroundTruth of(VirtualPatient p, List<Episode> deviceEpisodes) {
        Integer onset = firstDayAtLeast(p, ClinicalCourse.SUBCLINICAL);
        Integer lymphedema = firstDayAtLeast(p, ClinicalCourse.LYMPHEDEMA);
        List<Episode> episodes = new ArrayList<>(p.episodes());
        episodes.addAll(deviceEpisodes);
        episodes.sort(Comparator.comparingInt(Episode::fromDay).thenComparing(Episode::type));
        boolean massaged = episodes.stream().anyMatch(e -> e.type() == EpisodeType.MASSAGE_COURSE);
        return new GroundTruth(
                p.patientId(),
                onset == null ? CourseKind.NONE : p.plannedCourse(),
                onset,
                lymphedema,
                List.copyOf(episodes),
                massaged ? p.respondsToMassage() : null,
                p.surgeryDate(),
                p.zone(),
                p.days());
    }

    private static Integer firstDayAtLeast(VirtualPatient p, double rvc) {
        for (int d = 0; d < p.days(); d++) {
            if (p.relativeVolumeChange(d) >= rvc) {
                return d;
            }
        }
        return null;
    }

    /** Local midnight starting this day after surgery. */
    public OffsetDateTime at(int day) {
        return surgeryDate.plusDays(day).atStartOfDay(zone).toOffsetDateTime();
    }

    public OffsetDateTime onsetAt() {
        return onsetDay == null ? null : at(onsetDay);
    }

    public OffsetDateTime lymphedemaAt() {
        return lymphedemaDay == null ? null : at(lymphedemaDay);
    }

    public String toJson() {
        ObjectNode n = Json.object();
        n.put("patientId", patientId);
        n.put("course", course.name());
        if (onsetDay != null) {
            n.put("onsetAt", Json.time(onsetAt()));
        }
        if (lymphedemaDay != null) {
            n.put("lymphedemaAt", Json.time(lymphedemaAt()));
        }
        ArrayNode list = n.putArray("episodes");
        for (Episode e : episodes) {
            ObjectNode en = list.addObject();
            en.put("type", e.type().name());
            en.put("from", Json.time(at(e.fromDay())));
            en.put("to", Json.time(at(e.toDay())));
        }
        if (respondsToMassage != null) {
            n.put("respondsToMassage", respondsToMassage);
        }
        n.put("followUpEnd", Json.time(at(followUpDays)));
        return Json.write(n);
    }
}

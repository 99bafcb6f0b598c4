package org.lymphwatch.research;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Patient;

/**
 * Something in the ground truth an alert type exists to find. An episode of that type open at any
 * moment in [from, until) is a true alarm; a counted target is a case for sensitivity, detected
 * when such an episode opens no later than {@code reference} + horizon. The detection delay is the
 * first such opening minus {@code reference} (negative when earlier).
 *
 * @param counted false for stretches where an alert is right but not required (a lymphedema course
 *     whose true RVC reached 5 % but never 10 %)
 */
public record Target(
        String patientId,
        OffsetDateTime from,
        OffsetDateTime until,
        OffsetDateTime reference,
        boolean counted) {

    /** Far enough in the future to mean "until the end of follow-up". */
    static final OffsetDateTime END = OffsetDateTime.parse("9999-12-31T00:00:00Z");

    /** A swelling trend shows before the true RVC crosses 5 %: a 28-day window's worth. */
    static final Duration TREND_LEAD = Duration.ofDays(28);

    /** Cellulitis is often reported the day before the model's day starts. */
    static final Duration RAPID_RISE_LEAD = Duration.ofDays(1);

    /** A massage course's response is judged 28 days after its first session, until 42. */
    static final Duration MASSAGE_JUDGED = Duration.ofDays(28);

    static final Duration MASSAGE_TAIL = Duration.ofDays(14);

    /**
     * What each alert type is scored against, or empty for types the ground truth says nothing
     * about (MEASUREMENT_QUALITY: device faults are not in truth.jsonl), which are counted but not
     * scored.
     *
     * <ul>
     *   <li>LYMPHEDEMA: a lymphedema course from its onset (RVC 5 %) on; a case when the true RVC
     *       reached 10 %, the reference for the delay.
     *   <li>SUBCLINICAL: any course from its onset (RVC 5 %), the reference.
     *   <li>WORSENING_TREND: any course from 28 days before onset; a case for lymphedema courses,
     *       reference the onset.
     *   <li>RAPID_RISE: each cellulitis episode, from the day before it.
     *   <li>NO_RESPONSE: each massage course of a patient who does not respond, judged from 28 days
     *       after it began until 14 days after it ended.
     *   <li>STALE_DATA: each measurement gap or offline spell longer than the patient's silence
     *       allowance (cadence × 3 days); a case when the patient measured nothing at all (a gap),
     *       reference the moment the allowance ran out.
     * </ul>
     */
    static Optional<List<Target>> of(AlertType type, Truth t, Patient p) {
        List<Target> targets = new ArrayList<>();
        String id = t.patientId();
        switch (type) {
            case LYMPHEDEMA -> {
                if (Truth.LYMPHEDEMA.equals(t.course()) && t.onsetAt() != null) {
                    boolean reached = t.lymphedemaAt() != null;
                    targets.add(
                            new Target(
                                    id,
                                    t.onsetAt(),
                                    END,
                                    reached ? t.lymphedemaAt() : t.onsetAt(),
                                    reached));
                }
            }
            case SUBCLINICAL -> {
                if (t.onsetAt() != null) {
                    targets.add(new Target(id, t.onsetAt(), END, t.onsetAt(), true));
                }
            }
            case WORSENING_TREND -> {
                if (t.onsetAt() != null) {
                    targets.add(
                            new Target(
                                    id,
                                    t.onsetAt().minus(TREND_LEAD),
                                    END,
                                    t.onsetAt(),
                                    Truth.LYMPHEDEMA.equals(t.course())));
                }
            }
            case RAPID_RISE -> {
                for (Truth.Episode e : t.episodes("CELLULITIS")) {
                    targets.add(
                            new Target(
                                    id, e.from().minus(RAPID_RISE_LEAD), e.to(), e.from(), true));
                }
            }
            case NO_RESPONSE -> {
                if (Boolean.FALSE.equals(t.respondsToMassage())) {
                    for (Truth.Episode e : t.episodes("MASSAGE_COURSE")) {
                        OffsetDateTime judged = e.from().plus(MASSAGE_JUDGED);
                        targets.add(
                                new Target(id, judged, e.to().plus(MASSAGE_TAIL), judged, true));
                    }
                }
            }
            case STALE_DATA -> {
                Duration allowance = Duration.ofDays(3L * Math.max(1, p.cadenceDays()));
                for (Truth.Episode e : t.episodes()) {
                    boolean gap = e.type().equals("MEASUREMENT_GAP");
                    if (!gap && !e.type().equals("DEVICE_OFFLINE")) {
                        continue;
                    }
                    OffsetDateTime due = e.from().plus(allowance);
                    if (due.isBefore(e.to())) {
                        targets.add(new Target(id, due, e.to(), due, gap));
                    }
                }
            }
            case MEASUREMENT_QUALITY -> {
                return Optional.empty();
            }
        }
        return Optional.of(targets);
    }
}

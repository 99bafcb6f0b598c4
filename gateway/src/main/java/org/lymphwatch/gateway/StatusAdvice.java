package org.lymphwatch.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.StatusLevel;

/**
 * What the patient's app shows: the status in plain words, the open alerts as the alerts say them,
 * when to measure next, and the standing advice on when to call the provider and when to pause
 * self-massage (DESIGN section 2). Metrics and trend figures are for clinicians and stay out.
 */
final class StatusAdvice {

    static final String[] CALL_YOUR_PROVIDER = {
        "Your arm or leg swells suddenly over a day or two.",
        "You have a fever, or the skin of the limb is red, warm or painful: this can be an"
                + " infection (cellulitis) and needs treatment soon.",
        "The limb is painful, tight or heavy in a new way, or one calf or arm is suddenly"
                + " swollen and tender (a blood clot must be ruled out).",
        "Any of your symptoms get worse."
    };

    static final String[] PAUSE_SELF_MASSAGE = {
        "While you have a fever, redness, warmth or new pain in the limb.",
        "After a sudden swelling, until your provider has seen you.",
        "With a known or suspected blood clot (DVT), an infection, heart disease or kidney"
                + " failure, unless your provider says otherwise."
    };

    /**
     * How long a received measurement the status does not yet include is mentioned: the status
     * follows within a minute, so a measurement still missing after five was not analysed (a
     * reading the job skips, e.g. one too far out of order) and the note would only mislead.
     */
    static final Duration RECEIVED_NOTE_FOR = Duration.ofMinutes(5);

    private static final DateTimeFormatter MEASURED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private StatusAdvice() {}

    static String summary(StatusLevel level) {
        return switch (level) {
            case URGENT ->
                    "Your limb has swollen quickly. Contact your provider today, and pause"
                            + " self-massage until they have seen you.";
            case LYMPHEDEMA ->
                    "Your measurements show lymphedema. Your care team has been told and will"
                            + " contact you about treatment; keep measuring as planned.";
            case SUBCLINICAL ->
                    "Your measurements show early swelling. Your care team has been told;"
                            + " starting compression early can stop it getting worse.";
            case WATCH ->
                    "Your swelling is changing and your care team is keeping an eye on it."
                            + " Keep measuring as planned.";
            case CHECK_DATA ->
                    "We need a fresh or better measurement from you: please measure again, as"
                            + " shown in your device's instructions.";
            case OK -> "Your recent measurements look stable. Keep measuring as planned.";
        };
    }

    /**
     * @param status null when the job has not yet published a status for this patient
     * @param received the newest measurement the gateway received for the patient, or null
     */
    static ObjectNode of(
            String patientId,
            PatientStatus status,
            ReceivedMeasurements.Received received,
            OffsetDateTime now) {
        ObjectNode n = Json.object();
        n.put("patientId", patientId);
        if (status == null) {
            n.putNull("level");
            n.put(
                    "summary",
                    "We have no processed measurements from you yet. Measure as your care team"
                            + " showed you; your status appears here shortly after.");
        } else {
            n.put("level", status.level().name());
            n.put("summary", summary(status.level()));
            n.put("asOf", Json.time(status.asOf()));
            if (status.lastReadingAt() != null) {
                n.put("lastMeasuredAt", Json.time(status.lastReadingAt()));
            }
            if (status.measurementDueAt() != null) {
                n.put("nextMeasurementDueAt", Json.time(status.measurementDueAt()));
                boolean overdue = status.measurementDueAt().isBefore(now);
                n.put("measurementOverdue", overdue);
                n.put(
                        "nextMeasurement",
                        overdue
                                ? "Your next measurement is overdue: please measure today."
                                : "Please measure next on "
                                        + status.measurementDueAt()
                                                .format(DateTimeFormatter.ISO_LOCAL_DATE)
                                        + ".");
            }
            ArrayNode alerts = n.putArray("alerts");
            for (OpenAlert a : status.openAlerts()) {
                ObjectNode o = alerts.addObject();
                o.put("type", a.alert().type().name());
                o.put("since", Json.time(a.alert().at()));
                o.put("message", a.alert().message());
            }
        }
        if (received != null
                && received.receivedAt().plus(RECEIVED_NOTE_FOR).isAfter(now.toInstant())
                && (status == null
                        || status.lastReadingAt() == null
                        || received.measuredAt().isAfter(status.lastReadingAt()))) {
            n.put("lastReceivedAt", Json.time(received.measuredAt()));
            n.put(
                    "received",
                    "We have received your measurement of "
                            + received.measuredAt().format(MEASURED_AT)
                            + "; your status here includes it within about a minute.");
        }
        ArrayNode call = n.putArray("callYourProviderWhen");
        for (String s : CALL_YOUR_PROVIDER) {
            call.add(s);
        }
        ArrayNode pause = n.putArray("pauseSelfMassageWhen");
        for (String s : PAUSE_SELF_MASSAGE) {
            pause.add(s);
        }
        return n;
    }
}

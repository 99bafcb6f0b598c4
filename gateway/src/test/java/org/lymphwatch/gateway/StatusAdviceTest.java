package org.lymphwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.StatusLevel;

/** What the patient's app says about a measurement the gateway received. */
class StatusAdviceTest {

    private static final OffsetDateTime STATUS_READING =
            OffsetDateTime.parse("2026-06-03T08:00+02:00");
    private static final OffsetDateTime SECOND_ARM = STATUS_READING.plusMinutes(2);

    @Test
    void aMeasurementNewerThanTheStatusIsNamedAsReceived() {
        ObjectNode n = advice(status(STATUS_READING), SECOND_ARM, SECOND_ARM.plusSeconds(5));

        assertThat(n.get("lastMeasuredAt").asText()).isEqualTo("2026-06-03T08:00:00+02:00");
        assertThat(n.get("lastReceivedAt").asText()).isEqualTo("2026-06-03T08:02:00+02:00");
        assertThat(n.get("received").asText())
                .isEqualTo(
                        "We have received your measurement of 2026-06-03 08:02; your status here"
                                + " includes it within about a minute.");
    }

    @Test
    void beforeAnyStatusTheReceivedMeasurementIsNamedBesideTheWaitingSummary() {
        ObjectNode n = advice(null, SECOND_ARM, SECOND_ARM.plusSeconds(5));

        assertThat(n.get("level").isNull()).isTrue();
        assertThat(n.get("summary").asText()).contains("no processed measurements");
        assertThat(n.get("received").asText()).contains("2026-06-03 08:02");
    }

    @Test
    void nothingIsSaidOnceTheStatusIncludesTheMeasurement() {
        ObjectNode n = advice(status(SECOND_ARM), SECOND_ARM, SECOND_ARM.plusSeconds(50));

        assertThat(n.has("received")).isFalse();
        assertThat(n.has("lastReceivedAt")).isFalse();
    }

    @Test
    void aMeasurementTheStatusNeverIncludesIsNoLongerMentionedAfterFiveMinutes() {
        OffsetDateTime received = SECOND_ARM.plusSeconds(5);

        assertThat(
                        advice(status(STATUS_READING), SECOND_ARM, received.plusMinutes(4))
                                .has("received"))
                .isTrue();
        assertThat(
                        advice(status(STATUS_READING), SECOND_ARM, received.plusMinutes(5))
                                .has("received"))
                .isFalse();
    }

    @Test
    void aBackfilledOlderMeasurementDoesNotReplaceTheNewest() {
        ReceivedMeasurements received = new ReceivedMeasurements();
        received.add("p-000001", SECOND_ARM, SECOND_ARM.plusSeconds(5).toInstant());
        received.add("p-000001", SECOND_ARM.minusDays(3), SECOND_ARM.plusSeconds(9).toInstant());

        assertThat(received.of("p-000001").measuredAt()).isEqualTo(SECOND_ARM);
        assertThat(received.of("p-000002")).isNull();
    }

    /** The app's answer at {@code now}, the measurement received five seconds after it was made. */
    private static ObjectNode advice(
            PatientStatus status, OffsetDateTime measuredAt, OffsetDateTime now) {
        ReceivedMeasurements received = new ReceivedMeasurements();
        received.add("p-000001", measuredAt, measuredAt.plusSeconds(5).toInstant());
        return StatusAdvice.of("p-000001", status, received.of("p-000001"), now);
    }

    private static PatientStatus status(OffsetDateTime lastReadingAt) {
        return PatientStatuses.of("p-000001", StatusLevel.OK, null, lastReadingAt);
    }
}

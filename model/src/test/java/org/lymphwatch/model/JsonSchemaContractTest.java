package org.lymphwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the JSON Schemas in src/main/resources/schemas and the Java codec in step: what the codec
 * writes satisfies the schema, what the validator accepts satisfies it, and what the schema can
 * express as invalid the validator rejects too.
 */
class JsonSchemaContractTest {

    static JsonSchema schema(String name) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JsonSchemaContractTest.class.getResourceAsStream("/schemas/" + name));
    }

    static final JsonSchema READING = schema("reading.schema.json");
    static final JsonSchema PATIENT = schema("patient.schema.json");
    static final JsonSchema ALERT = schema("alert.schema.json");
    static final JsonSchema ALERT_ACTION = schema("alert-action.schema.json");
    static final JsonSchema REJECTED = schema("rejected-reading.schema.json");
    static final JsonSchema STATUS = schema("patient-status.schema.json");

    /** Reasons a JSON Schema cannot see: syntax, size, non-finite numbers, the receiver's clock. */
    private static final Set<RejectReason> BEYOND_SCHEMA =
            EnumSet.of(
                    RejectReason.NOT_JSON,
                    RejectReason.TOO_LARGE,
                    RejectReason.NOT_FINITE,
                    RejectReason.FUTURE_TIME,
                    RejectReason.OUT_OF_RANGE); // e.g. a clock set to 1970 is a valid date-time

    static Set<ValidationMessage> errors(JsonSchema schema, String json) throws Exception {
        JsonNode node = Json.mapper().readTree(json);
        return schema.validate(node);
    }

    static Stream<Path> valid() {
        return Golden.files("valid").stream();
    }

    static Stream<Path> invalid() {
        return Golden.files("invalid").stream()
                .filter(p -> !BEYOND_SCHEMA.contains(Golden.expectedReason(p)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void goldenValidMessageSatisfiesTheSchemaAndReEncodesToIt(Path file) throws Exception {
        String json = new String(Golden.bytes(file), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(errors(READING, json)).isEmpty();
        Reading r =
                ((Validation.Accepted) new ReadingValidator().validate(json, Golden.RECEIVED_AT))
                        .reading();
        String reEncoded = ReadingJson.write(r);
        assertThat(errors(READING, reEncoded)).isEmpty();
        Validation again = new ReadingValidator().validate(reEncoded, Golden.RECEIVED_AT);
        assertThat(((Validation.Accepted) again).reading()).isEqualTo(r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void goldenInvalidMessageViolatesTheSchema(Path file) throws Exception {
        String json = new String(Golden.bytes(file), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(errors(READING, json)).isNotEmpty();
    }

    @Test
    void patientRoundTripsThroughTheSchema() throws Exception {
        Patient withBaseline =
                new Patient(
                        1,
                        "p-000123",
                        Limb.ARM,
                        Side.LEFT,
                        Side.RIGHT,
                        LocalDate.parse("2026-01-10"),
                        1,
                        new Baseline(2400.0, 2480.0, -1.5));
        Patient without =
                new Patient(
                        1,
                        "p-000124",
                        Limb.LEG,
                        Side.RIGHT,
                        Side.RIGHT,
                        LocalDate.parse("2026-02-01"),
                        7,
                        null);
        for (Patient p : List.of(withBaseline, without)) {
            String json = PatientJson.write(p);
            assertThat(errors(PATIENT, json)).isEmpty();
            assertThat(PatientJson.read(json)).isEqualTo(p);
        }
    }

    @Test
    void patientWithoutSurgeryDateFailsSchemaAndCodecAlike() throws Exception {
        String json =
                "{\"schema\":1,\"patientId\":\"p-1\",\"limb\":\"ARM\",\"atRiskSide\":\"LEFT\"}";
        assertThat(errors(PATIENT, json)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PatientJson.read(json))
                .isInstanceOf(InvalidMessage.class)
                .hasMessageContaining("surgeryDate");
    }

    @Test
    void alertRoundTripsThroughTheSchema() throws Exception {
        Alert a =
                new Alert(
                        1,
                        "a-p-000123-LYMPHEDEMA-ARM-LEFT-20260601",
                        "p-000123",
                        Limb.ARM,
                        Side.LEFT,
                        AlertType.LYMPHEDEMA,
                        AlertState.OPENED,
                        1,
                        OffsetDateTime.parse("2026-06-01T08:00:00+02:00"),
                        "RVC",
                        11.2,
                        10.0,
                        "Arm volume 11.2% above baseline: lymphedema. Contact your provider.",
                        List.of("r-1", "r-2"));
        String json = AlertJson.write(a);
        assertThat(errors(ALERT, json)).isEmpty();
        assertThat(AlertJson.read(json)).isEqualTo(a);
    }

    @Test
    void alertWithoutRevisionFailsSchemaAndCodecAlike() throws Exception {
        String json =
                "{\"schema\":1,\"alertId\":\"a\",\"patientId\":\"p-1\",\"type\":\"LYMPHEDEMA\","
                        + "\"state\":\"REOPENED\",\"at\":\"2026-06-01T08:00:00Z\","
                        + "\"message\":\"m\",\"evidence\":[]}";
        assertThat(errors(ALERT, json)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertJson.read(json))
                .isInstanceOf(InvalidMessage.class)
                .hasMessageContaining("revision");
    }

    @Test
    void patientStatusRoundTripsThroughTheSchema() throws Exception {
        Alert a =
                new Alert(
                        1,
                        "p-000123:LYMPHEDEMA:ARM:LEFT:20260601T060000Z",
                        "p-000123",
                        Limb.ARM,
                        Side.LEFT,
                        AlertType.LYMPHEDEMA,
                        AlertState.REOPENED,
                        3,
                        OffsetDateTime.parse("2026-06-03T08:00:00+02:00"),
                        "RVC",
                        11.2,
                        10.0,
                        "Arm volume 11.2% above baseline.",
                        List.of("r-1", "r-2"));
        PatientStatus full =
                new PatientStatus(
                        1,
                        "p-000123",
                        Limb.ARM,
                        Side.LEFT,
                        StatusLevel.LYMPHEDEMA,
                        OffsetDateTime.parse("2026-06-03T08:00:00+02:00"),
                        OffsetDateTime.parse("2026-06-03T08:00:00+02:00"),
                        OffsetDateTime.parse("2026-06-04T08:00:00+02:00"),
                        11.2,
                        260.0,
                        10.4,
                        12.5,
                        9.0,
                        1.08,
                        0.6,
                        0.2,
                        1.0,
                        0.0004,
                        List.of(
                                new OpenAlert(
                                        a, true, OffsetDateTime.parse("2026-06-10T08:00:00Z"))));
        PatientStatus empty =
                new PatientStatus(
                        1,
                        "p-000124",
                        Limb.LEG,
                        Side.RIGHT,
                        StatusLevel.OK,
                        OffsetDateTime.parse("2026-06-03T08:00:00Z"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of());
        for (PatientStatus s : List.of(full, empty)) {
            String json = PatientStatusJson.write(s);
            assertThat(errors(STATUS, json)).as(json).isEmpty();
            assertThat(PatientStatusJson.read(json)).isEqualTo(s);
        }
        assertThat(StatusLevel.of(full.openAlerts())).isEqualTo(StatusLevel.LYMPHEDEMA);
        assertThat(StatusLevel.of(List.of())).isEqualTo(StatusLevel.OK);
    }

    @Test
    void alertActionRoundTripsThroughTheSchema() throws Exception {
        AlertAction snooze =
                new AlertAction(
                        1,
                        "p-000123",
                        "a-1",
                        AlertAction.Kind.SNOOZE,
                        OffsetDateTime.parse("2026-06-08T08:00:00Z"),
                        "clin-42",
                        OffsetDateTime.parse("2026-06-01T09:00:00Z"));
        String json = AlertActionJson.write(snooze);
        assertThat(errors(ALERT_ACTION, json)).isEmpty();
        assertThat(AlertActionJson.read(json)).isEqualTo(snooze);
        String noUntil = json.replaceAll(",\"until\":\"[^\"]*\"", "");
        assertThat(errors(ALERT_ACTION, noUntil)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertActionJson.read(noUntil))
                .isInstanceOf(InvalidMessage.class);
    }

    @Test
    void everyGoldenRejectionIsAValidDeadLetter() throws Exception {
        ReadingValidator validator = new ReadingValidator();
        for (Path file : Golden.files("invalid")) {
            RejectedReading r =
                    ((Validation.Rejected)
                                    validator.validate(
                                            Golden.bytes(file),
                                            Instant.parse("2026-03-01T08:00:00Z")))
                            .rejection();
            String json = RejectedReadingJson.write(r);
            assertThat(errors(REJECTED, json)).as(file.toString()).isEmpty();
            assertThat(RejectedReadingJson.read(json)).isEqualTo(r);
        }
    }
}

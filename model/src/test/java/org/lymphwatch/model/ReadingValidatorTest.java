package org.lymphwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadingValidatorTest {

    private final ReadingValidator validator = new ReadingValidator();

    static Stream<Path> valid() {
        return Golden.files("valid").stream();
    }

    static Stream<Path> invalid() {
        return Golden.files("invalid").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void goldenValidMessageIsAccepted(Path file) {
        Validation v = validator.validate(Golden.bytes(file), Golden.RECEIVED_AT);
        assertThat(v).isInstanceOf(Validation.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void goldenInvalidMessageIsRejectedWithItsReason(Path file) {
        Validation v = validator.validate(Golden.bytes(file), Golden.RECEIVED_AT);
        assertThat(v).isInstanceOf(Validation.Rejected.class);
        RejectedReading r = ((Validation.Rejected) v).rejection();
        assertThat(r.reason()).isEqualTo(Golden.expectedReason(file));
        assertThat(r.detail()).isNotBlank();
        assertThat(r.receivedAt()).isEqualTo(Golden.RECEIVED_AT);
        assertThat(r.raw()).hasSizeLessThanOrEqualTo(RejectedReading.RAW_LIMIT);
    }

    @Test
    void everyReasonTheValidatorDecidesHasAGoldenExample() {
        Set<RejectReason> covered =
                invalid().map(Golden::expectedReason).collect(Collectors.toSet());
        // UNKNOWN_PATIENT is decided where the patient registry is, not from the message alone.
        Set<RejectReason> decidedHere =
                EnumSet.complementOf(EnumSet.of(RejectReason.UNKNOWN_PATIENT));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(decidedHere);
    }

    @Test
    void perometerReadingKeepsEveryField() {
        Reading r =
                accept(
                        Golden.bytes(
                                Golden.files("valid").stream()
                                        .filter(p -> p.endsWith("limb-volume-perometer.json"))
                                        .findFirst()
                                        .orElseThrow()));
        assertThat(r.readingId()).isEqualTo("r-1");
        assertThat(r.patientId()).isEqualTo("p-000123");
        assertThat(r.measuredAt()).isEqualTo(OffsetDateTime.parse("2026-03-01T08:15:00+01:00"));
        assertThat(r.kind()).isEqualTo(ReadingKind.LIMB_VOLUME);
        assertThat(r.limb()).isEqualTo(Limb.ARM);
        assertThat(r.side()).isEqualTo(Side.LEFT);
        assertThat(r.volumeMl()).isEqualTo(2450.0);
        assertThat(r.method()).isEqualTo(VolumeMethod.PEROMETER);
    }

    @Test
    void circumferencesAreConvertedToTruncatedConeVolume() {
        // Two 4 cm segments of circumferences 20, 22, 24 cm, computed by hand:
        // (400 + 440 + 484) + (484 + 528 + 576) = 2912; 4 * 2912 / (12 pi) = 308.98 mL.
        Reading r =
                accept(
                        """
                {"schema":1,"readingId":"r-7","patientId":"p-1","deviceId":"tape-1",
                 "measuredAt":"2026-03-01T08:15:00+01:00","kind":"CIRCUMFERENCES","limb":"ARM",
                 "side":"RIGHT","intervalCm":4.0,"circumferencesCm":[20.0,22.0,24.0]}""");
        assertThat(r.method()).isEqualTo(VolumeMethod.TAPE);
        assertThat(r.volumeMl())
                .isCloseTo(4 * 2912 / (12 * Math.PI), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.volumeMl()).isCloseTo(308.98, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void cylinderVolumeMatchesGeometry() {
        // Constant circumference C over length L is a cylinder: V = C^2 L / (4 pi).
        double[] c = {30, 30, 30, 30, 30, 30};
        assertThat(TruncatedCone.volumeMl(4, c))
                .isCloseTo(30 * 30 * 20 / (4 * Math.PI), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void clockSlightlyAheadIsAcceptedButFarAheadIsNot() {
        String nineMinutesAhead = context("2026-03-01T08:09:00Z");
        String elevenMinutesAhead = context("2026-03-01T08:11:00Z");
        assertThat(validator.validate(nineMinutesAhead, Golden.RECEIVED_AT))
                .isInstanceOf(Validation.Accepted.class);
        assertThat(reason(elevenMinutesAhead)).isEqualTo(RejectReason.FUTURE_TIME);
    }

    @Test
    void rejectionKeepsOnlyTheFirstKilobyteOfTheMessage() {
        byte[] huge = ("{\"x\":\"" + "y".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Validation v = validator.validate(huge, Golden.RECEIVED_AT);
        RejectedReading r = ((Validation.Rejected) v).rejection();
        assertThat(r.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(r.raw()).hasSize(RejectedReading.RAW_LIMIT);
    }

    @Test
    void nullAndEmptyMessagesAreRejectedNotThrown() {
        assertThat(reason((String) null)).isEqualTo(RejectReason.NOT_JSON);
        assertThat(reason("")).isEqualTo(RejectReason.NOT_JSON);
        assertThat(reason("null")).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void rejectionDetailNamesTheFieldButNotItsValue() {
        RejectedReading r =
                rejection(
                        """
                {"schema":1,"readingId":"r-1","patientId":"Mary Smith","deviceId":"d",
                 "measuredAt":"2026-03-01T08:15:00Z","kind":"CONTEXT","fever":true}""");
        assertThat(r.detail()).contains("patientId").doesNotContain("Mary");
    }

    private static String context(String measuredAt) {
        return "{\"schema\":1,\"readingId\":\"r-1\",\"patientId\":\"p-1\",\"deviceId\":\"d\","
                + "\"measuredAt\":\""
                + measuredAt
                + "\",\"kind\":\"CONTEXT\",\"pain\":true}";
    }

    private Reading accept(String json) {
        return accept(json.getBytes(StandardCharsets.UTF_8));
    }

    private Reading accept(byte[] json) {
        Validation v = validator.validate(json, Golden.RECEIVED_AT);
        assertThat(v).isInstanceOf(Validation.Accepted.class);
        return ((Validation.Accepted) v).reading();
    }

    private RejectedReading rejection(String json) {
        Validation v = validator.validate(json, Golden.RECEIVED_AT);
        assertThat(v).isInstanceOf(Validation.Rejected.class);
        return ((Validation.Rejected) v).rejection();
    }

    private RejectReason reason(String json) {
        return rejection(json).reason();
    }
}

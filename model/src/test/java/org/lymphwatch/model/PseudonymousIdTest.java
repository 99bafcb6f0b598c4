package org.lymphwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The id check without a regex must accept exactly what {@link PseudonymousId#PATTERN} does. */
class PseudonymousIdTest {

    private static final int GENERATED = 50_000;

    /** Every allowed character class, its neighbours in ASCII, and some beyond ASCII. */
    private static final String[] ALPHABET = {
        "a", "z", "A", "Z", "0", "9", "m", "Q", "5", ".", "_", ":", "-", "/", "@", "`", "{", "[",
        " ", "\t", "\n", "\u0000", "+", ",", "é", "ß", "\u0663", "\uff10", "\u00a0", "€", "😀"
    };

    static Stream<String> edgeCases() {
        return Stream.of(
                "",
                "p",
                "p-000123",
                "tape-1:left_arm.v2",
                "a".repeat(64),
                "a".repeat(65),
                "0" + "-".repeat(63),
                "-p",
                ".p",
                "_p",
                ":p",
                "p ",
                " p",
                "Mary Smith",
                "p\n",
                "p/1",
                "é",
                "pé",
                "p😀");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("edgeCases")
    void edgeCaseIsValidExactlyWhenThePatternMatches(String id) {
        assertThat(PseudonymousId.isValid(id))
                .isEqualTo(PseudonymousId.PATTERN.matcher(id).matches());
    }

    @Test
    void nullIsNotAnId() {
        assertThat(PseudonymousId.isValid(null)).isFalse();
    }

    @Test
    void randomStringIsValidExactlyWhenThePatternMatches() {
        SplittableRandom random = new SplittableRandom(20261129L);
        int valid = 0;
        for (int i = 0; i < GENERATED; i++) {
            String id = randomId(random);
            boolean expected = PseudonymousId.PATTERN.matcher(id).matches();
            assertThat(PseudonymousId.isValid(id)).as("\"%s\"", id).isEqualTo(expected);
            if (expected) {
                valid++;
            }
        }
        // Both outcomes must be reached often, or the comparison says little.
        assertThat(valid).isBetween(GENERATED / 10, GENERATED - GENERATED / 10);
    }

    @Test
    void validatorAcceptsAPatientIdExactlyWhenThePatternMatches() {
        ReadingValidator validator = new ReadingValidator();
        SplittableRandom random = new SplittableRandom(11L);
        for (int i = 0; i < 2_000; i++) {
            String id = randomId(random);
            String message =
                    Json.write(
                            Json.object()
                                    .put("schema", 1)
                                    .put("readingId", "r-1")
                                    .put("patientId", id)
                                    .put("deviceId", "d-1")
                                    .put("measuredAt", "2026-03-01T08:00:00Z")
                                    .put("kind", "CONTEXT")
                                    .put("pain", true));
            assertThat(
                            validator.validate(message, Golden.RECEIVED_AT)
                                    instanceof Validation.Accepted)
                    .as("\"%s\"", id)
                    .isEqualTo(PseudonymousId.PATTERN.matcher(id).matches());
        }
    }

    /** Mostly allowed characters, lengths 0-70, so that both sides of every bound come up. */
    private static String randomId(SplittableRandom random) {
        int length = random.nextInt(71);
        StringBuilder s = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            s.append(
                    random.nextInt(40) == 0
                            ? ALPHABET[random.nextInt(ALPHABET.length)]
                            : ALPHABET[random.nextInt(13)]);
        }
        return s.toString();
    }
}

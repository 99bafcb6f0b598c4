package org.lymphwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written parse of the common timestamp shape must give what {@code
 * OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME)} gives (same instant, offset and nanos) and
 * accept and reject exactly the same texts, directly and as a reading's {@code measuredAt}.
 */
class IsoOffsetDateTimeTest {

    private static final int GENERATED = 20_000;
    private static final long YEAR_0000 =
            LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long YEAR_10000 =
            LocalDateTime.of(10_000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    /** Late enough that no parsable measuredAt is FUTURE_TIME, so only the parse decides. */
    private static final Instant RECEIVED_LAST = Instant.MAX.minusSeconds(86_400);

    private final ReadingValidator validator = new ReadingValidator();

    static Stream<String> edgeCases() {
        return Stream.of(
                "2026-03-01T08:15:00Z",
                "2026-03-01T08:15:00+01:00",
                "2026-03-01T08:15:00.5-05:30",
                "2026-03-01T08:15:00.123456789+14:00",
                "2026-03-01T08:15:00.1234567890Z",
                "2026-03-01T08:15:00.Z",
                "2026-03-01T08:15:00,5Z",
                "2026-03-01t08:15:00Z",
                "2026-03-01T08:15:00z",
                "2026-03-01t08:15:00.25z",
                "2026-03-01T08:15Z",
                "2026-03-01T08:15+01:00",
                "2026-03-01T08Z",
                "2026-03-01T08:15:00",
                "2026-03-01 08:15:00Z",
                "2026-03-01T08:15:00 Z",
                " 2026-03-01T08:15:00Z",
                "2026-03-01T08:15:00Z ",
                "2026-03-01T08:15:00ZZ",
                "2024-02-29T12:00:00Z",
                "2023-02-29T12:00:00Z",
                "2000-02-29T12:00:00Z",
                "1900-02-29T12:00:00Z",
                "2026-02-30T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-04-30T00:00:00Z",
                "2026-12-31T23:59:59.999999999Z",
                "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z",
                "2026-01-00T00:00:00Z",
                "2026-01-32T00:00:00Z",
                "2026-3-01T08:15:00Z",
                "2026-03-1T08:15:00Z",
                "2026-03-01T8:15:00Z",
                "2026-03-01T24:00:00Z",
                "2026-03-01T24:00Z",
                "2026-03-01T23:60:00Z",
                "2026-03-01T23:59:60Z",
                "2016-12-31T23:59:60Z",
                "0000-01-01T00:00:00Z",
                "0000-02-29T00:00:00Z",
                "9999-12-31T23:59:59.999999999-18:00",
                "+2026-03-01T08:15:00Z",
                "-2026-03-01T08:15:00Z",
                "+10000-01-01T00:00:00Z",
                "10000-01-01T00:00:00Z",
                "2026-03-01T08:15:00+18:00",
                "2026-03-01T08:15:00-18:00",
                "2026-03-01T08:15:00+18:01",
                "2026-03-01T08:15:00+19:00",
                "2026-03-01T08:15:00+14:00",
                "2026-03-01T08:15:00-12:00",
                "2026-03-01T08:15:00+00:00",
                "2026-03-01T08:15:00-00:00",
                "2026-03-01T08:15:00+00:00:00",
                "2026-03-01T08:15:00+01:30:15",
                "2026-03-01T08:15:00+01:60",
                "2026-03-01T08:15:00+0100",
                "2026-03-01T08:15:00+01",
                "2026-03-01T08:15:00+1:00",
                "2026-03-01T08:15:00±01:00",
                "2026-03-01T08:15:00\u221201:00",
                "2026-03-01T08:15:00+01:00[Europe/Berlin]",
                "2026-03-01T08:15:00UTC",
                "\uff12\uff10\uff12\uff16-03-01T08:15:00Z",
                "2026-03-01T08:15:0\u0663Z",
                "2026-03-01",
                "",
                "T",
                "2026-03-01T08:15:00.000000000Z",
                "2026-03-01T08:15:00.000000001Z");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("edgeCases")
    void edgeCaseIsReadAsTheFormatterReadsIt(String text) {
        assertThat(fast(text)).isEqualTo(formatter(text));
        assertThat(validated(text)).isEqualTo(expectedValidation(text));
    }

    @Test
    void generatedTimestampsAreReadAsTheFormatterReadsThem() {
        SplittableRandom random = new SplittableRandom(20261129L);
        int parsed = 0;
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < GENERATED; i++) {
            String text = i % 3 == 0 ? mutate(timestamp(random), random) : timestamp(random);
            OffsetDateTime expected = formatter(text);
            assertThat(fast(text)).as(text).isEqualTo(expected);
            if (i % 10 == 0) {
                assertThat(validated(text)).as(text).isEqualTo(expectedValidation(text));
            }
            if (expected != null) {
                parsed++;
            } else {
                rejected.add(text);
            }
        }
        // Both outcomes must be reached often, or the comparison says little.
        assertThat(parsed).isGreaterThan(GENERATED / 2);
        assertThat(rejected).hasSizeGreaterThan(GENERATED / 20);
    }

    /** A random time in years 0000-9999 with 0-9 fraction digits and an offset, as text. */
    private static String timestamp(SplittableRandom random) {
        LocalDateTime t =
                LocalDateTime.ofEpochSecond(
                        random.nextLong(YEAR_0000, YEAR_10000), 0, ZoneOffset.UTC);
        StringBuilder s =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%04d-%02d-%02dT%02d:%02d:%02d",
                                t.getYear(),
                                t.getMonthValue(),
                                // Days 29-31 in any month, so invalid dates come up too.
                                random.nextInt(8) == 0 ? 29 + random.nextInt(3) : t.getDayOfMonth(),
                                t.getHour(),
                                t.getMinute(),
                                t.getSecond()));
        int fraction = random.nextInt(10);
        if (fraction > 0) {
            s.append('.');
            for (int d = 0; d < fraction; d++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
        }
        switch (random.nextInt(4)) {
            case 0 -> s.append('Z');
            case 1 -> s.append(offset(random.nextInt(-18 * 60, 18 * 60 + 1) * 60));
            case 2 -> s.append(offset(random.nextInt(-18, 19) * 3600));
            default -> s.append(offset(random.nextInt(-19 * 3600, 19 * 3600)));
        }
        return s.toString();
    }

    /** ±HH:MM, or ±HH:MM:SS when the seconds are not zero (as ZoneOffset writes it). */
    private static String offset(int seconds) {
        int abs = Math.abs(seconds);
        String hhmm =
                String.format(
                        Locale.ROOT,
                        "%s%02d:%02d",
                        seconds < 0 ? "-" : "+",
                        abs / 3600,
                        abs / 60 % 60);
        return abs % 60 == 0 ? hhmm : hhmm + String.format(Locale.ROOT, ":%02d", abs % 60);
    }

    /** One edit that keeps the text close to the shape: a replaced, dropped or added character. */
    private static String mutate(String text, SplittableRandom random) {
        String alphabet = "0123456789-:T tZz+.,W\u0663";
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        int at = random.nextInt(text.length());
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at) + c + text.substring(at + 1);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            case 2 -> text.substring(0, at) + c + text.substring(at);
            default -> text.toLowerCase(Locale.ROOT);
        };
    }

    private static OffsetDateTime fast(String text) {
        try {
            return IsoOffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static OffsetDateTime formatter(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The reading's measuredAt if accepted, else the reject reason and detail. */
    private Object validated(String measuredAt) {
        String message =
                Json.write(
                        Json.object()
                                .put("schema", 1)
                                .put("readingId", "r-1")
                                .put("patientId", "p-1")
                                .put("deviceId", "d-1")
                                .put("measuredAt", measuredAt)
                                .put("kind", "CONTEXT")
                                .put("pain", true));
        Validation v = validator.validate(message, RECEIVED_LAST);
        if (v instanceof Validation.Accepted a) {
            return a.reading().measuredAt();
        }
        RejectedReading r = ((Validation.Rejected) v).rejection();
        return r.reason() + ": " + r.detail();
    }

    private static Object expectedValidation(String measuredAt) {
        OffsetDateTime t = formatter(measuredAt);
        if (t == null) {
            return "BAD_TYPE: measuredAt must be ISO-8601 with an offset";
        }
        return t.toInstant().isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                ? "OUT_OF_RANGE: measuredAt is before 2000"
                : t;
    }
}

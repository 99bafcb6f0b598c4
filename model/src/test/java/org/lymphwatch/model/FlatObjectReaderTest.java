package org.lymphwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming reader must build exactly the tree the validator's {@code readTree} builds (same
 * node types, same values) or leave the message to {@code readTree}; it must never accept what
 * {@code readTree} refuses (syntax, duplicate keys, read limits, trailing content).
 */
class FlatObjectReaderTest {

    private static final int GENERATED = 20_000;
    private static final String[] NAMES = {
        "schema",
        "readingId",
        "patientId",
        "measuredAt",
        "kind",
        "volumeMl",
        "circumferencesCm",
        "lDex",
        "pain",
        "x",
        "\\u0070ain",
        "",
    };
    private static final String[] NUMBERS = {
        "0",
        "-0",
        "1",
        "-1",
        "2450.0",
        "2450",
        "1e3",
        "1E-3",
        "-0.0",
        "0.1",
        "16.1",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "12345678901234567890123",
        "1e999",
        "-1e999",
        "4.9e-324",
        "1e-400",
        "1.7976931348623157e308",
        "NaN",
        "-Infinity",
        "Infinity",
        "+1",
        "01",
        "1.",
        ".5",
        "9".repeat(64),
        "9".repeat(65),
        "1." + "5".repeat(70),
    };
    private static final String[] STRINGS = {
        "\"\"",
        "\"p-1\"",
        "\"LIMB_VOLUME\"",
        "\"2026-03-01T08:15:00Z\"",
        "\"\\u00e9\\n\\\"\"",
        "\"é😀\"",
        "\"\\ud83d\"",
        "\"" + "x".repeat(8 * 1024) + "\"",
        "\"" + "x".repeat(8 * 1024 + 1) + "\"",
        "\"tab\tinside\"",
    };

    private final ObjectMapper mapper = Json.mapper(ReadingLimits.DEFAULT);
    private final FlatObjectReader reader = new FlatObjectReader(mapper);

    static Stream<Path> golden() {
        return Stream.of("valid", "invalid").flatMap(folder -> Golden.files(folder).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void goldenMessageIsReadAsReadTreeReadsIt(Path file) {
        boolean read = assertSameTreeOrLeftToReadTree(Golden.bytes(file));
        if (file.getParent().endsWith("valid")) {
            assertThat(read).as("a valid reading is read without readTree").isTrue();
        }
    }

    @Test
    void generatedMessageIsReadAsReadTreeReadsIt() {
        SplittableRandom random = new SplittableRandom(20261129L);
        int read = 0;
        int left = 0;
        for (int i = 0; i < GENERATED; i++) {
            byte[] message = message(random).getBytes(StandardCharsets.UTF_8);
            if (assertSameTreeOrLeftToReadTree(message)) {
                read++;
            } else {
                left++;
            }
        }
        // Both outcomes must be reached often, or the comparison says little.
        assertThat(read).isGreaterThan(GENERATED / 10);
        assertThat(left).isGreaterThan(GENERATED / 10);
    }

    /** True if the reader built the tree (and it equals readTree's), false if it left it. */
    private boolean assertSameTreeOrLeftToReadTree(byte[] message) {
        JsonNode flat = reader.read(message);
        if (flat == null) {
            return false;
        }
        String text = new String(message, StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = mapper.readTree(message);
        } catch (Exception e) {
            throw new AssertionError("read what readTree refuses (" + e + "): " + text, e);
        }
        assertThat(flat).as(text).isEqualTo(tree);
        return true;
    }

    /** A reading-like object of random members, sometimes broken the way real input breaks. */
    private static String message(SplittableRandom random) {
        StringBuilder s = new StringBuilder("{");
        int members = random.nextInt(10);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                s.append(',');
            }
            s.append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":");
            value(s, random, 0);
        }
        s.append('}');
        return switch (random.nextInt(12)) {
            case 0 -> s.substring(0, random.nextInt(s.length()));
            case 1 -> s + " {}";
            case 2 -> s + " \n";
            case 3 -> "[" + s + "]";
            case 4 -> s.toString().replace(":", ": ").replace(",", " ,\n");
            default -> s.toString();
        };
    }

    private static void value(StringBuilder s, SplittableRandom random, int depth) {
        switch (random.nextInt(depth < 2 ? 10 : 8)) {
            case 0, 1, 2 -> s.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 3 -> s.append(Double.toString(random.nextDouble(-1e6, 1e6)));
            case 4, 5 -> s.append(STRINGS[random.nextInt(STRINGS.length)]);
            case 6 -> s.append(random.nextBoolean() ? "true" : "false");
            case 7 -> s.append("null");
            case 8 -> {
                s.append('[');
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    s.append(k > 0 ? "," : "");
                    value(s, random, depth + 1);
                }
                s.append(']');
            }
            default -> {
                s.append("{\"").append(NAMES[random.nextInt(NAMES.length)]).append("\":");
                value(s, random, depth + 1);
                s.append('}');
            }
        }
    }
}

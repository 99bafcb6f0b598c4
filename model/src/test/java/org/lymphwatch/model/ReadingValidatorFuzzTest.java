package org.lymphwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds random bytes and mutations of the golden messages to the validator: every message must end
 * as an accepted reading or a dead letter, nothing may throw, and whatever is accepted must still
 * satisfy the reading schema when written back out.
 */
class ReadingValidatorFuzzTest {

    private static final int MESSAGES = 20_000;
    private static final String[] TOKENS = {
        "null",
        "true",
        "false",
        "NaN",
        "-Infinity",
        "1e999",
        "-1",
        "0",
        "\"\"",
        "[]",
        "{}",
        "\"LIMB_VOLUME\"",
        "\"CIRCUMFERENCES\"",
        "\"BIOIMPEDANCE\"",
        "\"CONTEXT\"",
        "\"ARM\"",
        "\"LEFT\"",
        "\"2026-03-01T08:15:00Z\"",
        "2450.0",
        "[16.1,17.0]",
        "\"\\u0000\"",
        "9".repeat(80)
    };

    @Test
    void noMessageEscapesAsAnException() throws Exception {
        List<byte[]> seeds = Golden.files("valid").stream().map(Golden::bytes).toList();
        List<byte[]> invalidSeeds = Golden.files("invalid").stream().map(Golden::bytes).toList();
        ReadingValidator validator = new ReadingValidator();
        JsonSchema readingSchema = JsonSchemaContractTest.READING;
        SplittableRandom random = new SplittableRandom(20261125L);
        Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        int accepted = 0;

        for (int i = 0; i < MESSAGES; i++) {
            byte[] message =
                    switch (i % 4) {
                        case 0 -> randomBytes(random);
                        case 1 -> mutateBytes(pick(seeds, random), random);
                        case 2 -> replaceValue(pick(seeds, random), random);
                        default -> mutateBytes(pick(invalidSeeds, random), random);
                    };
            Validation v = validator.validate(message, Golden.RECEIVED_AT);
            if (v instanceof Validation.Accepted a) {
                accepted++;
                String out = ReadingJson.write(a.reading());
                assertThat(JsonSchemaContractTest.errors(readingSchema, out))
                        .as("accepted %s", new String(message, StandardCharsets.UTF_8))
                        .isEmpty();
            } else {
                RejectedReading r = ((Validation.Rejected) v).rejection();
                assertThat(r.reason()).isNotNull();
                assertThat(r.raw()).hasSizeLessThanOrEqualTo(RejectedReading.RAW_LIMIT);
                rejected.merge(r.reason(), 1, Integer::sum);
            }
        }
        int total = accepted + rejected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo(MESSAGES);
        // The mutations must actually reach both outcomes and many reasons, or the fuzzer is blind.
        assertThat(accepted).isGreaterThan(MESSAGES / 100);
        assertThat(rejected.keySet()).hasSizeGreaterThanOrEqualTo(7);
    }

    private static byte[] pick(List<byte[]> seeds, SplittableRandom random) {
        return seeds.get(random.nextInt(seeds.size()));
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(200)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] mutateBytes(byte[] seed, SplittableRandom random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at); // truncation, as on a dropped link
                default -> b[at] = (byte) "{}[]\",:0123456789.-eE ".charAt(random.nextInt(22));
            }
        }
        return b;
    }

    /** Swaps one JSON value for another token: keeps the syntax, breaks types and ranges. */
    private static byte[] replaceValue(byte[] seed, SplittableRandom random) {
        String s = new String(seed, StandardCharsets.UTF_8);
        int colon = -1;
        int count = (int) s.chars().filter(c -> c == ':').count();
        int target = random.nextInt(Math.max(count, 1));
        for (int i = 0, seen = 0; i < s.length(); i++) {
            if (s.charAt(i) == ':' && seen++ == target) {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return seed;
        }
        int end = colon + 1;
        int depth = 0;
        boolean inString = false;
        for (; end < s.length(); end++) {
            char c = s.charAt(end);
            if (c == '"' && s.charAt(end - 1) != '\\') {
                inString = !inString;
            } else if (!inString && (c == '[' || c == '{')) {
                depth++;
            } else if (!inString && (c == ']' || c == '}')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!inString && depth == 0 && c == ',') {
                break;
            }
        }
        String token = TOKENS[random.nextInt(TOKENS.length)];
        return (s.substring(0, colon + 1) + token + s.substring(end))
                .getBytes(StandardCharsets.UTF_8);
    }
}

package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.ReadingLimits;

/** How `analyze`, `replay` and `bench` cut a readings file into messages, and key them. */
class ReadingLinesTest {

    @Test
    void linesEndWithLfOrCrLfAndTheLastNeedsNoEnd() throws IOException {
        assertThat(lines("a\nbb\r\n\nccc")).containsExactly("a", "bb", "", "ccc");
        assertThat(lines("a\n")).containsExactly("a");
        assertThat(lines("")).isEmpty();
    }

    @Test
    void linesAcrossTheReadChunksComeOutWhole() throws IOException {
        // 70,000 lines of 9 to 12 bytes: many cross a 64 KB chunk's end.
        StringBuilder file = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            String line = "line-" + i;
            expected.add(line);
            file.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }

        assertThat(lines(file.toString())).isEqualTo(expected);
    }

    @Test
    void aLineLongerThanAMessageIsCutJustPastTheLimitAndTheNextLineIsWhole() throws IOException {
        int limit = ReadingLimits.DEFAULT.maxMessageBytes();
        String huge = "x".repeat(3 * (1 << 16) + limit);

        List<String> lines = lines(huge + "\n{\"next\":1}\n");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(limit + 1);
        assertThat(lines.get(1)).isEqualTo("{\"next\":1}");
    }

    @Test
    void theKeyIsTheTopLevelPatientIdWhereverItStands() {
        assertThat(key("{\"patientId\":\"p-000001\",\"kind\":\"LIMB_VOLUME\"}"))
                .isEqualTo("p-000001");
        assertThat(
                        key(
                                "{\"schema\":1,\"context\":{\"patientId\":\"nested\"},"
                                        + "\"circumferencesCm\":[20.5,21],\"patientId\":\"p-000002\"}"))
                .isEqualTo("p-000002");
        assertThat(key("{\"kind\":\"LIMB_VOLUME\"}")).isNull();
        assertThat(key("{\"patientId\":42}")).isNull();
        assertThat(key("[\"patientId\",\"p-000003\"]")).isNull();
        assertThat(key("not json")).isNull();
    }

    private static List<String> lines(String file) throws IOException {
        List<String> lines = new ArrayList<>();
        AnalyzeCommand.eachLine(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                line -> lines.add(new String(line, StandardCharsets.UTF_8)));
        return lines;
    }

    private static String key(String line) {
        byte[] key = ReplayCommand.key(line.getBytes(StandardCharsets.UTF_8));
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }
}

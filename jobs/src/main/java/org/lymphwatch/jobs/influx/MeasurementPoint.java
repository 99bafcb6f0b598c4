package org.lymphwatch.jobs.influx;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.lymphwatch.model.store.FieldType;
import org.lymphwatch.model.store.Measurement;

/**
 * One point of a contract {@link Measurement} in InfluxDB line protocol. Tags and fields are
 * checked against the measurement as they are set, so a point the dashboards would not understand
 * fails here, in the job, rather than in the store. The time is the event time in nanoseconds: the
 * sink writes with nanosecond precision.
 *
 * <pre>{@code
 * MeasurementPoint.of(Measurements.LIMB_VOLUME, reading.measuredAt().toInstant())
 *         .tag("patient", "p-000123")
 *         .field("volume_ml", 2450.0)
 *         .toLineProtocol();
 * }</pre>
 */
public final class MeasurementPoint {

    private final Measurement measurement;
    private final long timeNanos;
    // Sorted, as InfluxDB recommends for its series index.
    private final Map<String, String> tags = new TreeMap<>();
    private final Map<String, String> fields = new LinkedHashMap<>();

    private MeasurementPoint(Measurement measurement, long timeNanos) {
        this.measurement = measurement;
        this.timeNanos = timeNanos;
    }

    public static MeasurementPoint of(Measurement measurement, Instant time) {
        long nanos;
        try {
            nanos =
                    Math.addExact(
                            Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L),
                            time.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    measurement.name() + " point time " + time + " is outside the store's range",
                    e);
        }
        return new MeasurementPoint(measurement, nanos);
    }

    /** Sets a tag of the measurement; tags with time identify the point. */
    public MeasurementPoint tag(String name, String value) {
        if (!measurement.tags().contains(name)) {
            throw new IllegalArgumentException(measurement.name() + " has no tag " + name);
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(measurement.name() + " tag " + name + " is empty");
        }
        requireSingleLine(name, value);
        put(tags, name, escapeKey(value));
        return this;
    }

    public MeasurementPoint field(String name, double value) {
        requireType(name, FieldType.DOUBLE);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    measurement.name() + " field " + name + " is not finite: " + value);
        }
        put(fields, name, Double.toString(value));
        return this;
    }

    public MeasurementPoint field(String name, long value) {
        requireType(name, FieldType.LONG);
        put(fields, name, value + "i");
        return this;
    }

    public MeasurementPoint field(String name, boolean value) {
        requireType(name, FieldType.BOOLEAN);
        put(fields, name, Boolean.toString(value));
        return this;
    }

    public MeasurementPoint field(String name, String value) {
        requireType(name, FieldType.STRING);
        if (value == null) {
            throw new IllegalArgumentException(measurement.name() + " field " + name + " is null");
        }
        requireSingleLine(name, value);
        put(fields, name, '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        return this;
    }

    /** The point as one line, without a line break. */
    public String toLineProtocol() {
        if (fields.isEmpty()) {
            throw new IllegalStateException(measurement.name() + " point has no field");
        }
        StringBuilder line = new StringBuilder(escapeMeasurement(measurement.name()));
        tags.forEach(
                (name, value) ->
                        line.append(',').append(escapeKey(name)).append('=').append(value));
        char separator = ' ';
        for (Map.Entry<String, String> field : fields.entrySet()) {
            line.append(separator)
                    .append(escapeKey(field.getKey()))
                    .append('=')
                    .append(field.getValue());
            separator = ',';
        }
        return line.append(' ').append(timeNanos).toString();
    }

    private void requireType(String name, FieldType given) {
        FieldType declared = measurement.fieldType(name);
        if (declared != given) {
            throw new IllegalArgumentException(
                    measurement.name() + " field " + name + " is " + declared + ", not " + given);
        }
    }

    // Line protocol has no escape for a line break: it would end the point.
    private void requireSingleLine(String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                    measurement.name() + " " + name + " contains a line break");
        }
    }

    private void put(Map<String, String> values, String name, String value) {
        if (values.put(name, value) != null) {
            throw new IllegalArgumentException(measurement.name() + " " + name + " is set twice");
        }
    }

    private static String escapeMeasurement(String name) {
        return name.replace(",", "\\,").replace(" ", "\\ ");
    }

    private static String escapeKey(String key) {
        return key.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }
}

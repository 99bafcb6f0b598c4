package org.lymphwatch.jobs.influx;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.time.Instant;
import java.util.Arrays;
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

    /** Digits of a time in nanoseconds, at most (19 until 2286). */
    private static final int TIME_DIGITS = 20;

    // Names and line-protocol values in the order set: a handful of each, so arrays and linear
    // scans are cheaper than maps on the job's hot path (several points per reading).
    private String[] tags = new String[8];
    private int tagCount;
    private String[] fields = new String[16];
    private int fieldCount;

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
        tags = put(tags, tagCount, name, escapeTag(name, value));
        tagCount++;
        return this;
    }

    public MeasurementPoint field(String name, double value) {
        requireType(name, FieldType.DOUBLE);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    measurement.name() + " field " + name + " is not finite: " + value);
        }
        // The shortest decimal that reads back as the same double (Schubfach), several times
        // faster than Java 17's Double.toString, which every metric row went through.
        return add(name, NumberOutput.toString(value, true));
    }

    public MeasurementPoint field(String name, long value) {
        requireType(name, FieldType.LONG);
        return add(name, value + "i");
    }

    public MeasurementPoint field(String name, boolean value) {
        requireType(name, FieldType.BOOLEAN);
        return add(name, value ? "true" : "false");
    }

    public MeasurementPoint field(String name, String value) {
        requireType(name, FieldType.STRING);
        if (value == null) {
            throw new IllegalArgumentException(measurement.name() + " field " + name + " is null");
        }
        requireSingleLine(name, value);
        String quoted =
                value.indexOf('\\') < 0 && value.indexOf('"') < 0
                        ? value
                        : value.replace("\\", "\\\\").replace("\"", "\\\"");
        return add(name, '"' + quoted + '"');
    }

    private MeasurementPoint add(String name, String lineValue) {
        fields = put(fields, fieldCount, name, lineValue);
        fieldCount++;
        return this;
    }

    /**
     * The point as one line, without a line break. Names need no escaping ({@link Measurement}
     * allows plain names only) and values were escaped when set, so the line is written in one pass
     * into a builder of its exact length.
     */
    public String toLineProtocol() {
        if (fieldCount == 0) {
            throw new IllegalStateException(measurement.name() + " point has no field");
        }
        // Tags sorted by name, as InfluxDB recommends for its series index.
        sortByName(tags, tagCount);
        int length = measurement.name().length() + 1 + TIME_DIGITS;
        for (int i = 0; i < 2 * tagCount; i++) {
            length += tags[i].length() + 1;
        }
        for (int i = 0; i < 2 * fieldCount; i++) {
            length += fields[i].length() + 1;
        }
        StringBuilder line = new StringBuilder(length);
        line.append(measurement.name());
        for (int i = 0; i < tagCount; i++) {
            line.append(',').append(tags[2 * i]).append('=').append(tags[2 * i + 1]);
        }
        char separator = ' ';
        for (int i = 0; i < fieldCount; i++) {
            line.append(separator).append(fields[2 * i]).append('=').append(fields[2 * i + 1]);
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
            throw lineBreak(name);
        }
    }

    private IllegalArgumentException lineBreak(String name) {
        return new IllegalArgumentException(
                measurement.name() + " " + name + " contains a line break");
    }

    /** Stores name and value as entry {@code index} of a flat name/value array. */
    private String[] put(String[] entries, int index, String name, String value) {
        for (int i = 0; i < index; i++) {
            if (entries[2 * i].equals(name)) {
                throw new IllegalArgumentException(
                        measurement.name() + " " + name + " is set twice");
            }
        }
        String[] out =
                2 * index + 1 < entries.length ? entries : Arrays.copyOf(entries, 4 * index + 2);
        out[2 * index] = name;
        out[2 * index + 1] = value;
        return out;
    }

    /** Sorts a flat name/value array by name in place; tags are usually set in order. */
    private static void sortByName(String[] entries, int count) {
        for (int i = 1; i < count; i++) {
            String name = entries[2 * i];
            if (entries[2 * i - 2].compareTo(name) <= 0) {
                continue;
            }
            String value = entries[2 * i + 1];
            int j = i;
            while (j > 0 && entries[2 * j - 2].compareTo(name) > 0) {
                entries[2 * j] = entries[2 * j - 2];
                entries[2 * j + 1] = entries[2 * j - 1];
                j--;
            }
            entries[2 * j] = name;
            entries[2 * j + 1] = value;
        }
    }

    /** A tag value as line protocol writes it: commas, equal signs and spaces escaped. */
    private String escapeTag(String name, String value) {
        boolean plain = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                throw lineBreak(name);
            }
            if (c == ',' || c == '=' || c == ' ') {
                plain = false;
            }
        }
        return plain ? value : value.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }
}

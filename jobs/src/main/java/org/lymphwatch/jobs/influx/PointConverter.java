package org.lymphwatch.jobs.influx;

import java.io.Serializable;

/**
 * Turns a stream element into one InfluxDB line-protocol point, usually with {@link
 * MeasurementPoint}. It travels with the job graph, hence serializable; InfluxDB's own {@code
 * Point} is not, so points are only built inside the running sink.
 */
@FunctionalInterface
public interface PointConverter<T> extends Serializable {

    /** The element as one line of line protocol with a nanosecond timestamp. */
    String toLineProtocol(T element);
}

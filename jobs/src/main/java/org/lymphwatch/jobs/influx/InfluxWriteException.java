package org.lymphwatch.jobs.influx;

import java.io.IOException;

/**
 * InfluxDB did not take a batch of points: it rejected them, or stayed unreachable for longer than
 * the sink's maximum outage. Failing the task makes Flink restart from the last checkpoint, so the
 * points are written again rather than lost.
 */
public final class InfluxWriteException extends IOException {

    InfluxWriteException(String message) {
        super(message);
    }
}

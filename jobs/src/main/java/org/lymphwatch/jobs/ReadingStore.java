package org.lymphwatch.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.lymphwatch.jobs.influx.InfluxSink;
import org.lymphwatch.model.Reading;

/** The InfluxDB sink for validated readings, configured from the job's settings. */
public final class ReadingStore {

    private ReadingStore() {}

    public static Sink<Reading> sink(JobConfig config) {
        return InfluxSink.<Reading>builder()
                .setUrl(config.influxUrl())
                .setOrg(config.influxOrg())
                .setBucket(config.influxBucket())
                .setToken(config.influxToken())
                .setPointConverter(new ReadingPoints())
                .build();
    }
}

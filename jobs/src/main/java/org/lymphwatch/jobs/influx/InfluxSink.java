package org.lymphwatch.jobs.influx;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes stream elements to InfluxDB (v2 write API) as points, without losing any.
 *
 * <p>Each writer buffers points and writes them with the blocking write API when the batch is full,
 * when the oldest buffered point has waited the flush interval, and on every checkpoint; a full
 * batch is written in the background while the next one fills, and a checkpoint waits until
 * InfluxDB has acknowledged everything before it. (The client's asynchronous write API is not used:
 * it drops points when its buffer overflows or its retries run out.) While InfluxDB is unreachable
 * or overloaded the writer retries with exponential backoff and blocks the task, which
 * back-pressures the sources; after the maximum outage it fails the task, and Flink restarts from
 * the last checkpoint. Points that get written again overwrite themselves, because tags and event
 * time identify a point.
 *
 * <p>The token is kept out of {@link #toString()}, logs and exception messages.
 */
public final class InfluxSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String org;
    private final String bucket;
    private final String token;
    private final PointConverter<T> pointConverter;
    private final int batchSize;
    private final Duration flushInterval;
    private final Duration maxOutage;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private InfluxSink(Builder<T> builder) {
        this.url = builder.url;
        this.org = builder.org;
        this.bucket = builder.bucket;
        this.token = builder.token;
        this.pointConverter = builder.pointConverter;
        this.batchSize = builder.batchSize;
        this.flushInterval = builder.flushInterval;
        this.maxOutage = builder.maxOutage;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new InfluxSinkWriter<>(
                new InfluxSinkWriter.Target(url, org, bucket, token),
                pointConverter,
                batchSize,
                flushInterval,
                new InfluxSinkWriter.Retry(maxOutage, initialBackoff, maxBackoff),
                context.getProcessingTimeService(),
                context.metricGroup());
    }

    @Override
    public String toString() {
        return "InfluxSink{url="
                + url
                + ", org="
                + org
                + ", bucket="
                + bucket
                + ", token=***, batchSize="
                + batchSize
                + ", flushInterval="
                + flushInterval
                + ", maxOutage="
                + maxOutage
                + ", retryBackoff="
                + initialBackoff
                + ".."
                + maxBackoff
                + "}";
    }

    /** Settings for an {@link InfluxSink}; {@link #build()} checks them. */
    public static final class Builder<T> {

        private String url;
        private String org;
        private String bucket;
        private String token;
        private PointConverter<T> pointConverter;
        private int batchSize = 5000;
        private Duration flushInterval = Duration.ofSeconds(1);
        private Duration maxOutage = Duration.ofMinutes(5);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);

        private Builder() {}

        /** Base URL of the InfluxDB server, e.g. {@code http://influxdb:8086}. Required. */
        public Builder<T> setUrl(String url) {
            this.url = url;
            return this;
        }

        /** Required. */
        public Builder<T> setOrg(String org) {
            this.org = org;
            return this;
        }

        /** Required. */
        public Builder<T> setBucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** API token with write access to the bucket. Required; never shown. */
        public Builder<T> setToken(String token) {
            this.token = token;
            return this;
        }

        /** How an element becomes a point. Required. */
        public Builder<T> setPointConverter(PointConverter<T> pointConverter) {
            this.pointConverter = pointConverter;
            return this;
        }

        /** Points per write request; a full batch is sent at once. Default 5000. */
        public Builder<T> setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Longest time a point waits in the buffer while InfluxDB is up. Default 1 s. */
        public Builder<T> setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /**
         * How long a batch is retried before the task fails. The last attempt may add up to the
         * HTTP client's timeouts (10 s) on top. Default 5 min.
         */
        public Builder<T> setMaxOutage(Duration maxOutage) {
            this.maxOutage = maxOutage;
            return this;
        }

        /**
         * Pause before the first retry, doubled after each failure up to max. Default 100 ms..5 s.
         */
        public Builder<T> setRetryBackoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public InfluxSink<T> build() {
            requireHttpUrl(url);
            requireText("org", org);
            requireText("bucket", bucket);
            requireText("token", token);
            if (pointConverter == null) {
                throw new IllegalArgumentException("InfluxSink needs a point converter");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException(
                        "InfluxSink batch size must be at least 1, not " + batchSize);
            }
            requirePositive("flush interval", flushInterval);
            requirePositive("max outage", maxOutage);
            requirePositive("initial retry backoff", initialBackoff);
            requirePositive("max retry backoff", maxBackoff);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "InfluxSink max retry backoff "
                                + maxBackoff
                                + " is shorter than the initial "
                                + initialBackoff);
            }
            return new InfluxSink<>(this);
        }

        private static void requireHttpUrl(String url) {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("InfluxSink needs a url");
            }
            try {
                URI uri = new URI(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException(
                            "InfluxSink url must be http(s)://host[:port], not " + url);
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("InfluxSink url is malformed: " + url, e);
            }
        }

        private static void requireText(String setting, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("InfluxSink needs a " + setting);
            }
        }

        private static void requirePositive(String setting, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(
                        "InfluxSink " + setting + " must be positive, not " + value);
            }
        }
    }
}

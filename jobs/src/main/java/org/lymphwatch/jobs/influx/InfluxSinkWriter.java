package org.lymphwatch.jobs.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers points and writes them with InfluxDB's blocking write API; see {@link InfluxSink}. All
 * methods, the flush timer included, run on the task's mailbox thread, so the buffer needs no
 * locking. A full batch is written by a thread of the writer's own while the task fills the next:
 * the task no longer waits for the store's answer to every batch, only when the next batch is full
 * before the previous one is stored, and on every checkpoint, which waits for both. One batch at a
 * time is on the wire, so points are written in the order they came.
 */
final class InfluxSinkWriter<T> implements SinkWriter<T> {

    /** Where points go. */
    record Target(String url, String org, String bucket, String token) {
        @Override
        public String toString() {
            return url + " (org " + org + ", bucket " + bucket + ")";
        }
    }

    /** How long and how often a batch is retried. */
    record Retry(Duration maxOutage, Duration initialBackoff, Duration maxBackoff) {}

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);

    private final Target target;
    private final PointConverter<T> pointConverter;
    private final int batchSize;
    private final Duration flushInterval;
    private final Retry retry;
    private final ProcessingTimeService timeService;
    private final Counter pointsWritten;
    private final Counter pointWriteErrors;
    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final ExecutorService sender;
    // The batch as the request body: one line per point, without a list and a join per batch.
    private StringBuilder batch;
    private int batchPoints;
    private boolean flushTimerPending;

    /** The batch being written by {@code sender}, or null. */
    private Future<?> inFlight;

    InfluxSinkWriter(
            Target target,
            PointConverter<T> pointConverter,
            int batchSize,
            Duration flushInterval,
            Retry retry,
            ProcessingTimeService timeService,
            SinkWriterMetricGroup metrics) {
        this.target = target;
        this.pointConverter = pointConverter;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.retry = retry;
        this.timeService = timeService;
        this.pointsWritten = metrics.getNumRecordsSendCounter();
        this.pointWriteErrors = metrics.getNumRecordsSendErrorsCounter();
        this.client =
                InfluxDBClientFactory.create(
                        InfluxDBClientOptions.builder()
                                .url(target.url())
                                .authenticateToken(target.token().toCharArray())
                                .org(target.org())
                                .bucket(target.bucket())
                                .build());
        this.writeApi = client.getWriteApiBlocking();
        this.batch = new StringBuilder();
        this.sender =
                Executors.newSingleThreadExecutor(
                        task -> {
                            Thread t = new Thread(task, "InfluxDB sender " + target.url());
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public void write(T element, Context context)
            throws InfluxWriteException, InterruptedException {
        if (batchPoints > 0) {
            batch.append('\n');
        }
        batch.append(pointConverter.toLineProtocol(element));
        batchPoints++;
        if (batchPoints >= batchSize) {
            send();
        } else if (!flushTimerPending) {
            flushTimerPending = true;
            timeService.registerTimer(
                    timeService.getCurrentProcessingTime() + flushInterval.toMillis(),
                    time -> {
                        flushTimerPending = false;
                        send();
                    });
        }
    }

    /** Called on every checkpoint and at end of input: the checkpoint waits for the write. */
    @Override
    public void flush(boolean endOfInput) throws InfluxWriteException, InterruptedException {
        send();
        awaitInFlight();
    }

    /**
     * Buffered points, and a batch still on the wire, are dropped on purpose: after a failure Flink
     * replays them from the checkpoint.
     */
    @Override
    public void close() {
        sender.shutdownNow();
        client.close();
    }

    /** Hands the buffered points to the sender, once the batch before them is stored. */
    private void send() throws InfluxWriteException, InterruptedException {
        awaitInFlight();
        if (batchPoints == 0) {
            return;
        }
        String points = batch.toString();
        int count = batchPoints;
        // The next batch is about as long as this one.
        batch = new StringBuilder(batch.length() + batch.length() / 8);
        batchPoints = 0;
        inFlight =
                sender.submit(
                        () -> {
                            write(points, count);
                            return null;
                        });
    }

    /** Waits for the batch on the wire; its failure fails the task here. */
    private void awaitInFlight() throws InfluxWriteException, InterruptedException {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InfluxWriteException failure) {
                throw failure;
            }
            throw new InfluxWriteException(
                    "InfluxDB at "
                            + target
                            + ": writing a batch failed: "
                            + String.valueOf(e.getCause()).replace(target.token(), "***"));
        } finally {
            inFlight = null;
        }
    }

    private void write(String batch, int points) throws InfluxWriteException, InterruptedException {
        long outageStart = 0;
        Duration backoff = retry.initialBackoff();
        int failures = 0;
        while (true) {
            long attemptStart = System.nanoTime();
            try {
                writeApi.writeRecord(target.bucket(), target.org(), WritePrecision.NS, batch);
                break;
            } catch (InfluxException e) {
                long now = System.nanoTime();
                if (failures++ == 0) {
                    outageStart = attemptStart;
                }
                pointWriteErrors.inc(points);
                String failure = describe(e);
                if (!isTransient(e)) {
                    throw new InfluxWriteException(
                            "InfluxDB at "
                                    + target
                                    + " rejected a batch of "
                                    + points
                                    + " points: "
                                    + failure);
                }
                Duration outage = Duration.ofNanos(now - outageStart);
                if (outage.compareTo(retry.maxOutage()) >= 0) {
                    throw new InfluxWriteException(
                            "InfluxDB at "
                                    + target
                                    + " has failed to take a batch of "
                                    + points
                                    + " points for "
                                    + outage.toMillis()
                                    + " ms ("
                                    + failures
                                    + " attempts), longer than the maximum outage of "
                                    + retry.maxOutage()
                                    + "; last error: "
                                    + failure);
                }
                // The last attempt is made when the maximum outage is reached.
                Duration pause = min(backoff, retry.maxOutage().minus(outage));
                LOG.warn(
                        "InfluxDB at {} failed to take {} points ({}); retrying in {} ms, outage {} ms of at most {} ms",
                        target,
                        points,
                        failure,
                        pause.toMillis(),
                        outage.toMillis(),
                        retry.maxOutage().toMillis());
                Thread.sleep(pause.toMillis());
                backoff = min(backoff.multipliedBy(2), retry.maxBackoff());
            }
        }
        if (failures > 0) {
            LOG.info(
                    "InfluxDB at {} took the batch after {} failed attempts over {} ms",
                    target,
                    failures,
                    Duration.ofNanos(System.nanoTime() - outageStart).toMillis());
        }
        pointsWritten.inc(points);
    }

    /**
     * No response (connection refused, timeout), server errors, and "too many requests" or "request
     * timeout" may pass; any other client error (bad point, bad token, no such bucket) will not.
     */
    private static boolean isTransient(InfluxException e) {
        int status = e.status();
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /** The status and message, with the token blanked should a server or library ever echo it. */
    private String describe(InfluxException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String description = e.status() == 0 ? message : "HTTP " + e.status() + ": " + message;
        return description.replace(target.token(), "***");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

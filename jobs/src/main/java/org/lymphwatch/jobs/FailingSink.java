package org.lymphwatch.jobs;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Failure injection for the job tests and {@code bench}: wraps the store sink, counts points and
 * checkpoint flushes, and once armed throws on the next write, a task failure in the middle of the
 * stream. Also notes when the last injected failure happened and when a writer created after it
 * first wrote, so a benchmark can time the restart.
 *
 * <p>The counters are static because Flink serialises the sink into its tasks: this works where the
 * tasks run in the caller's JVM (the MiniCluster), never on a real cluster.
 */
public final class FailingSink implements Sink<String> {
    private static final AtomicInteger FLUSHES = new AtomicInteger();
    // Every writer adds to it at every point: an adder, so bench's run c does not contend on it.
    private static final LongAdder WRITES = new LongAdder();
    private static final AtomicInteger ARMED = new AtomicInteger();
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static final AtomicLong FAILED_AT_NANOS = new AtomicLong();
    private static final AtomicLong RESUMED_AT_NANOS = new AtomicLong();
    private final Sink<String> delegate;

    public FailingSink(Sink<String> delegate) {
        this.delegate = delegate;
    }

    public static void reset() {
        FLUSHES.set(0);
        WRITES.reset();
        ARMED.set(0);
        FAILURES.set(0);
        FAILED_AT_NANOS.set(0);
        RESUMED_AT_NANOS.set(0);
    }

    public static void arm() {
        ARMED.incrementAndGet();
    }

    public static int armed() {
        return ARMED.get();
    }

    public static int flushes() {
        return FLUSHES.get();
    }

    /** Points handed to the store's writers, those written again after a failure included. */
    public static long writes() {
        return WRITES.sum();
    }

    public static int failures() {
        return FAILURES.get();
    }

    /** {@link System#nanoTime()} of the last injected failure, 0 before the first. */
    public static long failedAtNanos() {
        return FAILED_AT_NANOS.get();
    }

    /** {@link System#nanoTime()} of the first write after the last failure, 0 until then. */
    public static long resumedAtNanos() {
        return RESUMED_AT_NANOS.get();
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
        SinkWriter<String> writer = delegate.createWriter(context);
        boolean afterFailure = FAILURES.get() > 0;
        return new SinkWriter<>() {
            @Override
            public void write(String element, Context ctx)
                    throws IOException, InterruptedException {
                if (afterFailure && RESUMED_AT_NANOS.get() == 0) {
                    RESUMED_AT_NANOS.compareAndSet(0, System.nanoTime());
                }
                writer.write(element, ctx);
                WRITES.increment();
                int failures = FAILURES.get();
                if (failures < ARMED.get() && FAILURES.compareAndSet(failures, failures + 1)) {
                    FAILED_AT_NANOS.set(System.nanoTime());
                    RESUMED_AT_NANOS.set(0);
                    throw new IllegalStateException("injected failure after a checkpoint");
                }
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                writer.flush(endOfInput);
                FLUSHES.incrementAndGet();
            }

            @Override
            public void close() throws Exception {
                writer.close();
            }
        };
    }
}

package org.lymphwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertJson;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Json;

/**
 * How long an alert takes to reach a clinician: readings are sent one at a time at a fixed rate,
 * each send time noted by readingId, while a read_committed consumer follows {@code alerts}. An
 * alert's latency runs from the send of the newest of its evidence readings (the rule could not
 * decide before that one arrived) to the poll that returned the committed alert. When the deciding
 * reading is not among the evidence the figure is too long, never too short. STALE_DATA is left
 * out: the clock decides it, not a reading.
 */
final class AlertLatency {

    /** Latencies in milliseconds, sorted, and how many alerts had no paced evidence. */
    record Result(long[] millis, int unmatched, int sent, double sendSeconds) {

        long percentile(double p) {
            if (millis.length == 0) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100.0 * millis.length);
            return millis[Math.max(0, rank - 1)];
        }

        void print(PrintWriter say, Duration checkpointInterval) {
            say.printf(
                    "bench: latency: %d readings sent at %.0f /s; %d alerts timed (%d others had"
                            + " no paced evidence)%n",
                    sent, sent / sendSeconds, millis.length, unmatched);
            say.printf(
                    "bench: latency: produce -> committed alert p50 %d ms, p99 %d ms, max %d ms"
                            + " (checkpoint interval %d ms)%n",
                    percentile(50),
                    percentile(99),
                    millis.length == 0 ? -1 : millis[millis.length - 1],
                    checkpointInterval.toMillis());
            say.flush();
        }
    }

    private AlertLatency() {}

    /**
     * Sends {@code lines} to the readings topic at {@code rate} per second, then follows {@code
     * alertsTopic} for {@code settle} more, and times every alert whose evidence was sent here.
     */
    static Result measure(
            EmbeddedStack stack,
            String readingsTopic,
            String alertsTopic,
            List<byte[]> lines,
            int rate,
            Duration settle)
            throws Exception {
        List<Paced> paced = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            paced.add(Paced.of(line));
        }
        // At the topic's end before the first send; from then on used by the follower alone.
        KafkaConsumer<String, String> consumer = stack.kafka.followCommitted(alertsTopic);
        List<Seen> seen = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread follower =
                new Thread(
                        () -> {
                            try (consumer) {
                                while (!stop.get()) {
                                    var batch = consumer.poll(Duration.ofMillis(50));
                                    long now = System.nanoTime();
                                    for (ConsumerRecord<String, String> r : batch) {
                                        seen.add(new Seen(AlertJson.read(r.value()), now));
                                    }
                                }
                            }
                        },
                        "bench-alert-follower");
        follower.start();

        Map<String, Long> sentAt = new HashMap<>(paced.size() * 2);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(stack)) {
            for (int i = 0; i < paced.size(); i++) {
                // The i-th reading is due at i/rate s: a steady rate, not bursts after a stall.
                long due = started + (long) (i * 1e9 / rate);
                for (long wait = due - System.nanoTime();
                        wait > 0;
                        wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                Paced p = paced.get(i);
                if (p.readingId() != null) {
                    sentAt.put(p.readingId(), System.nanoTime());
                }
                producer.send(
                        new ProducerRecord<>(
                                readingsTopic,
                                null,
                                System.currentTimeMillis(),
                                p.key(),
                                p.value()));
            }
            producer.flush();
        }
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(settle.toMillis());
        stop.set(true);
        follower.join();

        List<Long> millis = new ArrayList<>();
        int unmatched = 0;
        for (Seen s : seen) {
            if (s.alert().type() == AlertType.STALE_DATA) {
                continue;
            }
            long newest =
                    s.alert().evidence().stream()
                            .map(sentAt::get)
                            .filter(t -> t != null)
                            .mapToLong(Long::longValue)
                            .max()
                            .orElse(-1);
            if (newest < 0) {
                unmatched++;
            } else {
                millis.add(TimeUnit.NANOSECONDS.toMillis(s.atNanos() - newest));
            }
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted, unmatched, paced.size(), sendSeconds);
    }

    /** One send per reading, at once: latency, not throughput, is measured. */
    private static KafkaProducer<byte[], byte[]> producer(EmbeddedStack stack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private record Paced(String readingId, byte[] key, byte[] value) {
        /** The simulator's device faults include malformed messages: they go, without an id. */
        static Paced of(byte[] line) {
            String readingId = null;
            try {
                JsonNode id = Json.mapper().readTree(line).get("readingId");
                readingId = id == null ? null : id.asText();
            } catch (IOException | RuntimeException e) {
                // Not JSON: the job dead-letters it; no alert can name it.
            }
            return new Paced(readingId, ReplayCommand.key(line), line);
        }
    }

    private record Seen(Alert alert, long atNanos) {}
}

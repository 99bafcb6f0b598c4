package org.lymphwatch.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Posts a cohort's messages to the lymphwatch gateway the way home devices do: each device with its
 * own bearer token; what arrives at the same moment after an offline spell goes as one batch; a 503
 * or 429 is retried after Retry-After (at least) with exponential backoff, a broken connection
 * likewise; and, at a configurable rate, the device loses the gateway's answer and sends the same
 * batch again. A device forgets a reading only once the gateway said ACCEPTED or DUPLICATE (stored)
 * or REJECTED (will never be stored).
 *
 * <p>Devices are spread over a fixed number of sender threads by device id, so one device's
 * requests are never concurrent and its readings arrive in order.
 */
public final class GatewayPublisher {

    /**
     * @param senders threads posting concurrently (each serves a share of the devices)
     * @param lostAnswerRate per answered request: the device acts as if the answer never came
     * @param maxBatch readings per request at most (the gateway's limit)
     * @param maxBackoff longest wait between retries
     * @param seed for the lost-answer dice and the backoff jitter
     */
    public record Options(
            int senders, double lostAnswerRate, int maxBatch, Duration maxBackoff, long seed) {
        public static final Options DEFAULT = new Options(8, 0, 500, Duration.ofSeconds(5), 1);
    }

    /** What the devices saw, in total. */
    public record Report(
            long requests,
            long accepted,
            long duplicate,
            long rejected,
            long refused,
            long retries,
            long lostAnswers,
            Set<String> stored) {}

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** The gateway's answers are trusted and may be longer than one reading. */
    private static final ObjectMapper ANSWERS = new ObjectMapper();

    private record Batch(String deviceId, List<Delivery> deliveries) {}

    private static final Batch END = new Batch(null, List.of());

    private final URI readingsUri;
    private final Map<String, String> tokenOfDevice;
    private final Options options;
    private final HttpClient http;
    private final LongAdder requests = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder lostAnswers = new LongAdder();
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param gateway the gateway's base URL, e.g. {@code https://gateway.example:8443}
     * @param tokenOfDevice device id → its bearer token
     */
    public GatewayPublisher(URI gateway, Map<String, String> tokenOfDevice, Options options) {
        this.readingsUri = gateway.resolve("/v1/readings");
        this.tokenOfDevice = Map.copyOf(tokenOfDevice);
        this.options = options;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /**
     * The device ids of a cohort and each one's patient, in order of first message: what to enrol
     * at the gateway before publishing.
     */
    public static Map<String, String> devices(CohortStream cohort) {
        Map<String, String> patientOfDevice = new LinkedHashMap<>();
        while (cohort.hasNext()) {
            Delivery d = cohort.next();
            patientOfDevice.putIfAbsent(d.reading().deviceId(), d.reading().patientId());
        }
        return patientOfDevice;
    }

    /**
     * @param speed simulated seconds per real second, or 0 for as fast as possible
     * @throws IllegalStateException when a device has no token, or a sender failed unexpectedly
     */
    public Report publish(CohortStream cohort, double speed, KafkaPublisher.Progress progress)
            throws InterruptedException {
        List<BlockingQueue<Batch>> queues = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < options.senders(); i++) {
            BlockingQueue<Batch> q = new ArrayBlockingQueue<>(256);
            queues.add(q);
            Random dice = new Random(options.seed() * 31 + i);
            Thread t = new Thread(() -> send(q, dice), "simulated-devices-" + i);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
        // Messages of one device arriving at the same instant (a backlog after an offline spell,
        // or a duplicate delivery) travel together; the batch goes once simulated time moves on.
        Map<String, Batch> pending = new LinkedHashMap<>();
        Instant pendingAt = null;
        long startNanos = System.nanoTime();
        Instant simulatedStart = null;
        long messages = 0;
        long nextProgress = startNanos;
        boolean finished = false;
        try {
            while (cohort.hasNext()) {
                Delivery d = cohort.next();
                if (pendingAt != null && d.arrivalAt().isAfter(pendingAt)) {
                    dispatch(pending, queues);
                }
                pendingAt = d.arrivalAt();
                if (speed > 0) {
                    if (simulatedStart == null) {
                        simulatedStart = d.arrivalAt();
                    }
                    KafkaPublisher.waitUntil(
                            startNanos, Duration.between(simulatedStart, d.arrivalAt()), speed);
                }
                String device = d.reading().deviceId();
                if (!tokenOfDevice.containsKey(device)) {
                    throw new IllegalStateException("device " + device + " is not enrolled");
                }
                if (d.has(Fault.TRUNCATED)) {
                    // A device whose message broke mid-write sends it on its own; in a batch it
                    // would
                    // make the whole request unreadable.
                    enqueue(new Batch(device, List.of(d)), queues);
                } else {
                    pending.computeIfAbsent(device, k -> new Batch(k, new ArrayList<>()))
                            .deliveries()
                            .add(d);
                }
                messages++;
                if (System.nanoTime() >= nextProgress) {
                    checkSenders();
                    progress.published(messages, d.arrivalAt(), false);
                    nextProgress = System.nanoTime() + 1_000_000_000L;
                }
            }
            dispatch(pending, queues);
            for (BlockingQueue<Batch> q : queues) {
                q.put(END);
            }
            for (Thread t : senders) {
                t.join();
            }
            finished = true;
        } finally {
            if (!finished) {
                // Interrupted or failed: the senders must not outlive the run.
                senders.forEach(Thread::interrupt);
            }
        }
        checkSenders();
        progress.published(messages, pendingAt, true);
        return new Report(
                requests.sum(),
                accepted.sum(),
                duplicate.sum(),
                rejected.sum(),
                refused.sum(),
                retries.sum(),
                lostAnswers.sum(),
                Set.copyOf(stored));
    }

    private void dispatch(Map<String, Batch> pending, List<BlockingQueue<Batch>> queues)
            throws InterruptedException {
        for (Batch b : pending.values()) {
            List<Delivery> all = b.deliveries();
            for (int from = 0; from < all.size(); from += options.maxBatch()) {
                List<Delivery> part =
                        all.subList(from, Math.min(all.size(), from + options.maxBatch()));
                enqueue(new Batch(b.deviceId(), List.copyOf(part)), queues);
            }
        }
        pending.clear();
    }

    private void enqueue(Batch b, List<BlockingQueue<Batch>> queues) throws InterruptedException {
        while (!queues.get(Math.floorMod(b.deviceId().hashCode(), queues.size()))
                .offer(b, 1, TimeUnit.SECONDS)) {
            checkSenders();
        }
    }

    private void checkSenders() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a simulated device failed: " + e.getMessage(), e);
        }
    }

    private void send(BlockingQueue<Batch> queue, Random dice) {
        try {
            for (Batch b = queue.take(); b != END; b = queue.take()) {
                post(b, dice);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            failure.compareAndSet(null, e);
            // Keep draining so the dispatcher never blocks on a full queue.
            queue.clear();
        }
    }

    /** Posts one batch until the gateway has answered it for good. */
    private void post(Batch b, Random dice) throws InterruptedException, IOException {
        String body =
                b.deliveries().size() == 1
                        ? b.deliveries().get(0).message()
                        : "["
                                + String.join(
                                        ",",
                                        b.deliveries().stream().map(Delivery::message).toList())
                                + "]";
        HttpRequest request =
                HttpRequest.newBuilder(readingsUri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + tokenOfDevice.get(b.deviceId()))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            requests.increment();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                retries.increment();
                backoff = pause(backoff, 0, dice);
                continue;
            }
            int status = response.statusCode();
            if (status == 202) {
                if (dice.nextDouble() < options.lostAnswerRate()) {
                    lostAnswers.increment();
                    continue;
                }
                record(response.body());
                return;
            }
            if (status == 503 || status == 429) {
                retries.increment();
                long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0);
                backoff = pause(backoff, retryAfter, dice);
                continue;
            }
            // 400, 401, 403, 413: sending the same request again cannot help.
            refused.increment();
            return;
        }
    }

    private Duration pause(Duration backoff, long retryAfterSeconds, Random dice)
            throws InterruptedException {
        long jittered = (long) (backoff.toMillis() * (0.5 + dice.nextDouble()));
        Thread.sleep(Math.max(jittered, TimeUnit.SECONDS.toMillis(retryAfterSeconds)));
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : next;
    }

    private void record(String answer) throws IOException {
        JsonNode results = ANSWERS.readTree(answer).path("results");
        for (JsonNode r : results) {
            switch (r.path("status").asText()) {
                case "ACCEPTED" -> {
                    accepted.increment();
                    stored.add(r.path("readingId").asText());
                }
                case "DUPLICATE" -> {
                    duplicate.increment();
                    stored.add(r.path("readingId").asText());
                }
                default -> rejected.increment();
            }
        }
    }
}

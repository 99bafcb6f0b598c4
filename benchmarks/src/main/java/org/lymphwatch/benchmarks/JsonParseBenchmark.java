package org.lymphwatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.Validation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + validate one reading message (what the job does to every record of {@code readings})
 * against a baseline of a plain Jackson tree parse of the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonParseBenchmark {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ReadingValidator validator = new ReadingValidator();
    private List<byte[]> messages;
    private List<Instant> arrivals;
    private int next;

    @Setup
    public void generate() {
        SimulatedTraffic traffic = new SimulatedTraffic(20, 180, 13);
        messages = traffic.messages;
        arrivals = traffic.arrivals;
    }

    @Benchmark
    public Validation validate() {
        int i = advance();
        return validator.validate(messages.get(i), arrivals.get(i));
    }

    @Benchmark
    public JsonNode baselineJacksonTree() throws IOException {
        return mapper.readTree(messages.get(advance()));
    }

    private int advance() {
        int i = next;
        next = i + 1 == messages.size() ? 0 : i + 1;
        return i;
    }
}

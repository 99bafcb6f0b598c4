package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.Patient;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortStream;
import org.lymphwatch.simulators.Delivery;

/** Every metrics.jsonl line written for a simulated cohort satisfies metrics.schema.json. */
class MetricsContractTest {

    @Test
    void everyMetricsLineSatisfiesTheSchema() throws Exception {
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(getClass().getResourceAsStream("/schemas/metrics.schema.json"));
        CohortStream cohort = CohortGenerator.stream(CohortConfig.of(40, 365, 5L));
        Map<String, Patient> patients = new HashMap<>();
        cohort.patients().forEach(p -> patients.put(p.patientId(), p));
        int[] lines = new int[2];
        OfflineAnalyzer analyzer =
                new OfflineAnalyzer(
                        patients,
                        Thresholds.DEFAULT,
                        o -> {
                            if (o instanceof Output.Metrics m) {
                                String line = SwellingMetricsJson.write(m.metrics());
                                try {
                                    assertThat(schema.validate(Json.mapper().readTree(line)))
                                            .as(line)
                                            .isEmpty();
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                                lines[0]++;
                                if (line.contains("trendSlopePctPerWeek")) {
                                    lines[1]++;
                                }
                            }
                        });
        while (cohort.hasNext()) {
            Delivery d = cohort.next();
            if (d.accepted()) {
                analyzer.accept(d.reading());
            }
        }
        analyzer.finish();
        // The cohort must exercise the optional trend fields, or the check proves little.
        assertThat(lines[0]).isGreaterThan(1000);
        assertThat(lines[1]).isGreaterThan(100);
    }
}

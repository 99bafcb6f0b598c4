package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Json;

/** Every truth.jsonl line of the reference cohort satisfies truth.schema.json. */
class TruthContractTest {

    @Test
    void everyTruthLineSatisfiesTheSchema() throws Exception {
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(getClass().getResourceAsStream("/schemas/truth.schema.json"));
        int withLymphedema = 0;
        for (GroundTruth truth : ReferenceCohort.get().truths()) {
            String line = truth.toJson();
            assertThat(schema.validate(Json.mapper().readTree(line))).as(line).isEmpty();
            if (line.contains("lymphedemaAt")) {
                withLymphedema++;
            }
        }
        assertThat(withLymphedema).as("patients whose truth has lymphedemaAt").isPositive();
    }
}

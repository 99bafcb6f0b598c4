package org.lymphwatch.web.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.store.Measurement;
import org.lymphwatch.model.store.Measurements;

/**
 * The Flux queries (shared with the Grafana patient dashboard) name only measurements, fields and
 * tags that the job writes, as listed in {@link Measurements}: a renamed field breaks this test,
 * not the clinicians' plots.
 */
class InfluxQueriesContractTest {

    private static final Pattern MEASUREMENT = Pattern.compile("r\\._measurement == \"([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("r\\._field == \"([^\"]+)\"");
    private static final Pattern TAG = Pattern.compile("\\br\\.([a-z][a-z0-9_]*)\\b");
    private static final Pattern KEEP = Pattern.compile("keep\\(columns: \\[([^\\]]*)\\]\\)");

    @Test
    void everyQueryNamesOnlyWhatTheStoreContractDefines() {
        for (String name : InfluxHistory.QUERIES) {
            String flux = InfluxHistory.flux(name);
            List<String> measurements = all(MEASUREMENT, flux);
            assertThat(measurements).as(name).containsOnly(name);
            Measurement m =
                    Measurements.ALL.stream()
                            .filter(x -> x.name().equals(name))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(name + " is no measurement"));
            assertThat(all(FIELD, flux))
                    .as(name + " fields")
                    .isNotEmpty()
                    .isSubsetOf(m.fields().keySet());
            assertThat(all(TAG, flux)).as(name + " tags").isNotEmpty().isSubsetOf(m.tags());
            Set<String> columns = new HashSet<>(m.tags());
            columns.addAll(m.fields().keySet());
            columns.add("_time");
            Matcher keep = KEEP.matcher(flux);
            assertThat(keep.find()).as(name + " keeps its columns").isTrue();
            for (String column : keep.group(1).split(",")) {
                assertThat(columns).as(name + " keep").contains(column.strip().replace("\"", ""));
            }
        }
    }

    @Test
    void theVariablesAreFilledInForThePatientOnly() {
        for (String name : InfluxHistory.QUERIES) {
            String flux = InfluxHistory.query(name, "lymphwatch", "p-000123");
            assertThat(flux)
                    .contains("r.patient == \"p-000123\"", "from(bucket: \"lymphwatch\")")
                    .doesNotContain("${", "v.timeRange");
        }
    }

    private static List<String> all(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}

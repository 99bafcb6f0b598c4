package org.lymphwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lymphwatch.model.store.Measurement;
import org.lymphwatch.model.store.Measurements;

/**
 * The dashboards read only what the job writes: every measurement, field and tag named in a
 * dashboard query exists in {@link Measurements}, so renaming one there fails this test instead of
 * leaving a clinician with an empty panel.
 */
class DashboardContractTest {

    @Test
    void everyQueryReadsOnlyMeasurementsFieldsAndTagsTheJobWrites() {
        List<GrafanaFiles.Query> queries = GrafanaFiles.queries();
        assertThat(queries).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (GrafanaFiles.Query q : queries) {
            for (String p : FluxReferences.of(q.flux()).problems(Measurements.ALL)) {
                problems.add(q + ": " + p);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            value = {
                "r._measurement == \"patient_state\"#unknown measurement 'patient_state'",
                "r._measurement == \"swelling\" and r._field == \"rvc_percent\""
                        + "#field 'rvc_percent' is not in [swelling]",
                "r._measurement == \"limb_volume\" and r.arm == \"LEFT\""
                        + "#column 'arm' is neither a tag nor a field of [limb_volume]",
                "r._measurement == \"alert\") |> group(columns: [\"alert_type\"])"
                        + "#column 'alert_type' is neither a tag nor a field of [alert]",
                "r._measurement == \"pipeline\" and r[\"outcom\"] == \"ACCEPTED\""
                        + "#column 'outcom' is neither a tag nor a field of [pipeline]",
                "x._measurement == \"swelling\"#no r._measurement filter",
            })
    void aRenamedMeasurementFieldOrTagIsCaught(String filter, String problem) {
        String flux = "from(bucket: v.defaultBucket) |> filter(fn: (r) => " + filter + ")";
        assertThat(FluxReferences.of(flux).problems(Measurements.ALL)).contains(problem);
    }

    @Test
    void columnsAQueryMakesItselfAreNotMistakenForStoreColumns() {
        String flux =
                """
                from(bucket: v.defaultBucket)
                  |> filter(fn: (r) => r._measurement == "patient_status") // r.not_checked
                  |> map(fn: (r) => ({r with hours: float(v: r.last_reading_ms), order: -r.level_rank}))
                  |> sort(columns: ["level_rank", "order"])
                  |> keep(columns: ["patient", "hours", "order"])
                """;
        assertThat(FluxReferences.of(flux).problems(Measurements.ALL)).isEmpty();
        assertThat(FluxReferences.of(flux.replace("order:", "ordr:")).problems(Measurements.ALL))
                .containsExactly("column 'order' is neither a tag nor a field of [patient_status]");
    }

    @Test
    void everyMeasurementTheJobWritesIsOnADashboard() {
        Set<String> read =
                GrafanaFiles.queries().stream()
                        .flatMap(q -> FluxReferences.of(q.flux()).measurements().stream())
                        .collect(Collectors.toSet());
        assertThat(read)
                .containsExactlyInAnyOrderElementsOf(
                        Measurements.ALL.stream().map(Measurement::name).toList());
    }

    @Test
    void everyQueryUsesTheProvisionedDatasourceAndItsBucket() {
        JsonNode datasource =
                GrafanaFiles.yaml(GrafanaFiles.DATASOURCES).path("datasources").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("influxdb");
        assertThat(datasource.path("jsonData").path("version").asText()).isEqualTo("Flux");
        for (GrafanaFiles.Query q : GrafanaFiles.queries()) {
            assertThat(q.datasource().path("uid").asText())
                    .as("%s", q)
                    .isEqualTo(datasource.path("uid").asText());
            // The bucket comes from the datasource (defaultBucket), i.e. from .env, never a
            // literal.
            assertThat(q.flux()).as("%s", q).contains("from(bucket: v.defaultBucket)");
            assertThat(q.flux().split("from\\(bucket:", -1).length)
                    .as("%s reads only the datasource's bucket", q)
                    .isEqualTo(q.flux().split("from\\(bucket: v\\.defaultBucket\\)", -1).length);
        }
    }

    @Test
    void theTriageLinksEachPatientToTheDetailDashboardByItsVariable() {
        JsonNode triage = GrafanaFiles.json(GrafanaFiles.DASHBOARDS.resolve("cohort-triage.json"));
        JsonNode detail = GrafanaFiles.json(GrafanaFiles.DASHBOARDS.resolve("patient-detail.json"));
        String detailUid = detail.path("uid").asText();
        assertThat(detail.path("templating").path("list").findValuesAsText("name"))
                .contains("patient");
        assertThat(triage.toString())
                .contains("/d/" + detailUid + "/")
                .contains("var-patient=${__value.raw}");
        for (GrafanaFiles.Query q : GrafanaFiles.queries()) {
            if (q.dashboard().equals("patient-detail.json") && !q.where().startsWith("variable")) {
                assertThat(q.flux()).as("%s", q).contains("r.patient == \"${patient}\"");
            }
        }
    }

    @Test
    void dashboardUidsAreUnique() {
        Set<String> uids = new HashSet<>();
        for (Path f : GrafanaFiles.dashboardFiles()) {
            assertThat(uids.add(GrafanaFiles.json(f).path("uid").asText())).as("%s", f).isTrue();
        }
        assertThat(uids).hasSize(3);
    }
}

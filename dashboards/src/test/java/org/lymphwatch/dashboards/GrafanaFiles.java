package org.lymphwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dashboards and provisioning files under dashboards/grafana/, as Grafana reads them. */
final class GrafanaFiles {

    static final Path ROOT = Path.of("grafana");
    static final Path DASHBOARDS = ROOT.resolve("dashboards");
    static final Path DATASOURCES = ROOT.resolve("provisioning/datasources/influxdb.yml");

    /** One query of a dashboard, named by where a reader finds it in Grafana. */
    record Query(String dashboard, String where, String flux, JsonNode datasource) {
        @Override
        public String toString() {
            return dashboard + " / " + where;
        }
    }

    private GrafanaFiles() {}

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every Flux query of every dashboard: panel targets, annotations and variables. */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode d = json(file);
            String name = file.getFileName().toString();
            collectPanels(name, d.path("panels"), queries);
            for (JsonNode a : d.path("annotations").path("list")) {
                if (a.has("target")) {
                    queries.add(
                            new Query(
                                    name,
                                    "annotation " + a.path("name").asText(),
                                    a.path("target").path("query").asText(),
                                    a.path("datasource")));
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.path("type").asText().equals("query")) {
                    queries.add(
                            new Query(
                                    name,
                                    "variable " + v.path("name").asText(),
                                    v.path("query").asText(),
                                    v.path("datasource")));
                }
            }
        }
        return queries;
    }

    private static void collectPanels(String dashboard, JsonNode panels, List<Query> into) {
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                into.add(
                        new Query(
                                dashboard,
                                "panel '"
                                        + p.path("title").asText()
                                        + "' "
                                        + t.path("refId").asText(),
                                t.path("query").asText(),
                                t.path("datasource")));
            }
            collectPanels(dashboard, p.path("panels"), into);
        }
    }
}

package org.lymphwatch.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.analytics.ThresholdsJson;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** report.html opens offline, parses, and has every section; summary.json is deterministic. */
class ReportTest {

    @TempDir Path dir;

    private Path evaluate(String report, Path... alerts) throws Exception {
        Path out = dir.resolve(report);
        EvaluationFiles.evaluate(
                dir.resolve("cohort"),
                List.of(alerts),
                null,
                new Scoring(Scoring.DEFAULT_HORIZON, Scoring.DEFAULT_FLAP_WINDOW),
                null,
                out);
        return out;
    }

    private Path cohortWithTwoRuns() throws Exception {
        TinyCohort.write(dir.resolve("cohort"));
        Path first = TinyCohort.writeAlerts(dir.resolve("defaults"));
        Files.write(
                first.resolveSibling("metrics.jsonl"),
                List.of(
                        "{\"patientId\":\"p-1\",\"limb\":\"ARM\",\"side\":\"LEFT\","
                                + "\"at\":\"2024-06-01T08:00:00Z\",\"rvcPct\":6.1}",
                        "{\"patientId\":\"p-1\",\"limb\":\"ARM\",\"side\":\"LEFT\","
                                + "\"at\":\"2024-07-10T08:00:00Z\",\"rvcPct\":10.4}"),
                StandardCharsets.UTF_8);
        TinyCohort.writeAlerts(dir.resolve("stricter"));
        Files.writeString(
                dir.resolve("defaults/thresholds.json"), ThresholdsJson.write(Thresholds.DEFAULT));
        Files.writeString(
                dir.resolve("stricter/thresholds.json"),
                ThresholdsJson.write(
                        ThresholdsJson.with(Thresholds.DEFAULT, "volume.rvcLymphedemaPct", 12)));
        return first;
    }

    @Test
    void reportIsSelfContainedWellFormedAndHasEverySection() throws Exception {
        Path first = cohortWithTwoRuns();
        Path out = evaluate("report", first, dir.resolve("stricter/alerts.jsonl"));

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html)
                .doesNotContainIgnoringCase("http://")
                .doesNotContainIgnoringCase("https://");
        Document doc =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        List<String> sections = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("section");
        for (int i = 0; i < nodes.getLength(); i++) {
            sections.add(((Element) nodes.item(i)).getAttribute("id"));
        }
        assertThat(sections).containsExactlyElementsOf(Report.SECTIONS);
        NodeList images = doc.getElementsByTagName("img");
        assertThat(images.getLength()).isGreaterThanOrEqualTo(5);
        for (int i = 0; i < images.getLength(); i++) {
            assertThat(((Element) images.item(i)).getAttribute("src"))
                    .startsWith("data:image/png;base64,iVBORw0KGgo");
        }
        // Both runs side by side, and the example timeline of the patient with metrics.
        assertThat(html).contains("defaults · LYMPHEDEMA").contains("stricter · LYMPHEDEMA");
        assertThat(html).contains("p-1: lymphedema, detected");
        // The configuration section names what the stricter run changed, and nothing else.
        assertThat(html)
                .contains(
                        "<tr><td>volume.rvcLymphedemaPct</td><td>10.0</td><td>10.0</td>"
                                + "<td>12.0</td></tr>")
                .doesNotContain("<td>trend.alertP</td>");
    }

    @Test
    void sameInputsGiveTheSameSummaryBytes() throws Exception {
        Path first = cohortWithTwoRuns();
        Path a = evaluate("a", first);
        Path b = evaluate("b", first);
        assertThat(Files.readAllBytes(a.resolve("summary.json")))
                .isEqualTo(Files.readAllBytes(b.resolve("summary.json")));
    }

    @Test
    void aSweepAddsItsCurvesSection() throws Exception {
        Path first = cohortWithTwoRuns();
        Path out = dir.resolve("sweep");
        EvaluationFiles.evaluate(
                dir.resolve("cohort"),
                List.of(first, dir.resolve("stricter/alerts.jsonl")),
                List.of("trend.alertP=0.001", "trend.alertP=0.002"),
                new Scoring(Duration.ofDays(90), Duration.ofDays(30)),
                new Evaluation.Sweep("trend.alertP", List.of(0.001, 0.002)),
                out);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<section id=\"sweep\">");
        assertThat(Files.readString(out.resolve("summary.json")))
                .contains("\"parameter\" : \"trend.alertP\"");
    }
}

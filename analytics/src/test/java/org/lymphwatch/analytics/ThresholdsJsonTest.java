package org.lymphwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsJsonTest {

    @TempDir Path dir;

    @Test
    void whatARunWritesReadsBackAsTheSameThresholds() {
        String json = ThresholdsJson.write(Thresholds.DEFAULT);

        assertThat(ThresholdsJson.read(json)).isEqualTo(Thresholds.DEFAULT);
        assertThat(json).contains("\"window\" : \"P28D\"").contains("\"referenceGap\" : \"PT12H\"");
    }

    @Test
    void aFileChangesOnlyWhatItNames() throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(
                file,
                "{\"trend\":{\"alertP\":0.0005,\"window\":\"P21D\"},"
                        + "\"timing\":{\"rulesStartDays\":60}}");

        Thresholds t = Thresholds.load(file);

        assertThat(t.trend().alertP()).isEqualTo(0.0005);
        assertThat(t.trend().window()).isEqualTo(Duration.ofDays(21));
        assertThat(t.timing().rulesStartDays()).isEqualTo(60);
        assertThat(t.trend().alertSlopePctPerWeek()).isEqualTo(0.5);
        assertThat(t.volume()).isEqualTo(Thresholds.Volume.DEFAULT);
    }

    @Test
    void aTypoOrAWrongTypeIsAnErrorNamingTheFileAndField() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"trend\":{\"alertPee\":0.01}}");
        assertThatThrownBy(() -> Thresholds.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": trend.alertPee: no such threshold");

        Files.writeString(file, "{\"timing\":{\"rulesStartDays\":1.5}}");
        assertThatThrownBy(() -> Thresholds.load(file))
                .hasMessage(file + ": timing.rulesStartDays must be a whole number");

        Files.writeString(file, "{\"confirmation\":{\"window\":28}}");
        assertThatThrownBy(() -> Thresholds.load(file))
                .hasMessageContaining("confirmation.window must be an ISO-8601 duration");
    }

    @Test
    void aSweepReplacesOneValueByItsPathWithDurationsInDays() {
        Thresholds t = ThresholdsJson.with(Thresholds.DEFAULT, "volume.rvcLymphedemaPct", 9);
        assertThat(t.volume().rvcLymphedemaPct()).isEqualTo(9.0);
        assertThat(t.trend()).isEqualTo(Thresholds.Trend.DEFAULT);

        Thresholds w = ThresholdsJson.with(Thresholds.DEFAULT, "confirmation.resolveSpan", 7);
        assertThat(w.confirmation().resolveSpan()).isEqualTo(Duration.ofDays(7));

        assertThatThrownBy(() -> ThresholdsJson.with(Thresholds.DEFAULT, "trend.nope", 1))
                .hasMessage("trend.nope: no such threshold");
        assertThatThrownBy(() -> ThresholdsJson.with(Thresholds.DEFAULT, "trend.minPoints", 2.5))
                .hasMessageContaining("whole numbers");
    }
}

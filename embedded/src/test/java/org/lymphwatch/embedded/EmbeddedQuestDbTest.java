package org.lymphwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.store.Measurement;
import org.lymphwatch.model.store.Measurements;

class EmbeddedQuestDbTest {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final long T0_NANOS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private static EmbeddedQuestDb questDb;

    @BeforeAll
    static void startStore() throws Exception {
        questDb = EmbeddedQuestDb.start();
    }

    @AfterAll
    static void stopStore() {
        questDb.close();
    }

    @Test
    void everyContractMeasurementIsADedupTableKeyedOnTimeAndTags() throws Exception {
        for (Measurement measurement : Measurements.ALL) {
            List<Tuple> expected = new ArrayList<>();
            expected.add(tuple("timestamp", "TIMESTAMP_NS", true, true));
            measurement.tags().forEach(tag -> expected.add(tuple(tag, "SYMBOL", false, true)));
            measurement
                    .fields()
                    .forEach(
                            (field, type) ->
                                    expected.add(
                                            tuple(
                                                    field,
                                                    type.name().replace("STRING", "VARCHAR"),
                                                    false,
                                                    false)));

            List<Map<String, Object>> columns =
                    questDb.query(
                            "SELECT \"column\", type, designated, upsertKey FROM table_columns('"
                                    + measurement.name()
                                    + "')");

            assertThat(columns)
                    .as(measurement.name())
                    .extracting(
                            c -> c.get("column"),
                            c -> c.get("type"),
                            c -> c.get("designated"),
                            c -> c.get("upsertKey"))
                    .containsExactlyElementsOf(expected);
        }
        assertThat(questDb.query("SELECT table_name, walEnabled, dedup FROM tables()"))
                .extracting(t -> t.get("table_name"), t -> t.get("walEnabled"), t -> t.get("dedup"))
                .containsExactlyInAnyOrderElementsOf(
                        Measurements.ALL.stream().map(m -> tuple(m.name(), true, true)).toList());
    }

    @Test
    void writingTheSamePointsTwiceKeepsEachRowOnce() throws Exception {
        List<String> points =
                IntStream.range(0, 1000)
                        .mapToObj(
                                i ->
                                        limbVolume(
                                                "p-twice-" + (i % 10),
                                                2400.0 + i,
                                                T0_NANOS + i * 1_000_000_000L))
                        .toList();

        writeNanos(points);
        writeNanos(points);
        questDb.awaitApplied(APPLY_TIMEOUT);

        assertThat(countLimbVolumes("p-twice-%")).isEqualTo(1000);
    }

    @Test
    void rewritingAPointReplacesItsFields() throws Exception {
        writeNanos(List.of(limbVolume("p-upsert", 2400.0, T0_NANOS)));
        writeNanos(List.of(limbVolume("p-upsert", 2500.0, T0_NANOS)));
        questDb.awaitApplied(APPLY_TIMEOUT);

        assertThat(questDb.query("SELECT volume_ml FROM limb_volume WHERE patient = 'p-upsert'"))
                .extracting(row -> row.get("volume_ml"))
                .containsExactly(2500.0);
    }

    @Test
    void nanosecondPrecisionPointsKeepTheirExactTime() throws Exception {
        long time = T0_NANOS + 123_456_789L;
        writeNanos(List.of(limbVolume("p-nanos", 2400.0, time)));
        questDb.awaitApplied(APPLY_TIMEOUT);

        assertThat(
                        questDb.queryLong(
                                "SELECT CAST(\"timestamp\" AS LONG) FROM limb_volume"
                                        + " WHERE patient = 'p-nanos'"))
                .isEqualTo(time);
    }

    @Test
    void pointOutsideTheContractIsRejected() {
        assertThatThrownBy(() -> writeNanos(List.of("unknown_measurement,patient=p-1 x=1.0 1")))
                .isInstanceOfSatisfying(
                        InfluxException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(
                        () ->
                                writeNanos(
                                        List.of(
                                                "limb_volume,patient=p-1 unknown_field=1.0 "
                                                        + T0_NANOS)))
                .isInstanceOfSatisfying(
                        InfluxException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void restartKeepsDataAndPorts() throws Exception {
        String influxUrl = questDb.influxUrl();
        String jdbcUrl = questDb.jdbcUrl();
        writeNanos(List.of(limbVolume("p-restart", 2400.0, T0_NANOS)));
        questDb.awaitApplied(APPLY_TIMEOUT);

        questDb.stop();
        assertThat(questDb.isRunning()).isFalse();
        assertThatThrownBy(() -> writeNanos(List.of(limbVolume("p-restart", 1.0, T0_NANOS + 1))))
                .isInstanceOf(InfluxException.class);

        questDb.restart();
        assertThat(questDb.influxUrl()).isEqualTo(influxUrl);
        assertThat(questDb.jdbcUrl()).isEqualTo(jdbcUrl);
        writeNanos(List.of(limbVolume("p-restart", 2401.0, T0_NANOS + 2)));
        questDb.awaitApplied(APPLY_TIMEOUT);

        assertThat(countLimbVolumes("p-restart")).isEqualTo(2);
    }

    @Test
    void emptiedTablesHoldNoRowsAndTakeTheSamePointsAgain() throws Exception {
        try (EmbeddedQuestDb other = EmbeddedQuestDb.start()) {
            List<String> points =
                    IntStream.range(0, 100)
                            .mapToObj(i -> limbVolume("p-empty", 2400.0 + i, T0_NANOS + i))
                            .toList();
            write(other, points);

            other.emptyTables(APPLY_TIMEOUT);
            assertThat(other.queryLong("SELECT count() FROM limb_volume")).isZero();

            write(other, points.subList(0, 40));
            other.awaitApplied(APPLY_TIMEOUT);
            assertThat(other.queryLong("SELECT count() FROM limb_volume")).isEqualTo(40);
            assertThat(other.queryLong("SELECT min(volume_ml) FROM limb_volume")).isEqualTo(2400);
        }
    }

    @Test
    void closeDeletesTheData() throws Exception {
        EmbeddedQuestDb other = EmbeddedQuestDb.start();
        Path root = other.root();
        assertThat(root).isDirectory();

        other.close();

        assertThat(Files.exists(root)).isFalse();
    }

    private static String limbVolume(String patient, double volumeMl, long timeNanos) {
        return "limb_volume,patient="
                + patient
                + ",limb=ARM,side=LEFT,method=PEROMETER,device=perometer-1 volume_ml="
                + volumeMl
                + ",reading_id=\"r-"
                + patient
                + "-"
                + timeNanos
                + "\" "
                + timeNanos;
    }

    private static void writeNanos(List<String> lines) {
        write(questDb, lines);
    }

    private static void write(EmbeddedQuestDb store, List<String> lines) {
        try (InfluxDBClient client =
                InfluxDBClientFactory.create(
                        store.influxUrl(), "any-token".toCharArray(), "lymphwatch", "lymphwatch")) {
            client.getWriteApiBlocking().writeRecords(WritePrecision.NS, lines);
        }
    }

    private static long countLimbVolumes(String patientPattern) throws Exception {
        return questDb.queryLong(
                "SELECT count() FROM limb_volume WHERE patient LIKE '" + patientPattern + "'");
    }
}

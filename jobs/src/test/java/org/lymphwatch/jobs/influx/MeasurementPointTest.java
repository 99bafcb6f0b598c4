package org.lymphwatch.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.store.FieldType;
import org.lymphwatch.model.store.Measurement;
import org.lymphwatch.model.store.Measurements;

class MeasurementPointTest {

    private static final Instant MEASURED_AT = Instant.parse("2026-03-01T07:15:00.123456789Z");

    @Test
    void pointBecomesOneLineWithSortedTagsAndNanosecondTime() {
        String line =
                MeasurementPoint.of(Measurements.LIMB_VOLUME, MEASURED_AT)
                        .tag("side", "LEFT")
                        .tag("patient", "p-000123")
                        .tag("limb", "ARM")
                        .field("volume_ml", 2450.5)
                        .field("reading_id", "r-1")
                        .toLineProtocol();

        assertThat(line)
                .isEqualTo(
                        "limb_volume,limb=ARM,patient=p-000123,side=LEFT"
                                + " volume_ml=2450.5,reading_id=\"r-1\" 1772349300123456789");
    }

    @Test
    void everyFieldTypeIsWrittenAsLineProtocolExpectsIt() {
        Measurement measurement =
                new Measurement(
                        "kinds",
                        List.of("patient"),
                        Map.of(
                                "d", FieldType.DOUBLE,
                                "n", FieldType.LONG,
                                "b", FieldType.BOOLEAN,
                                "s", FieldType.STRING));

        String line =
                MeasurementPoint.of(measurement, Instant.EPOCH)
                        .field("d", 1.0e-7)
                        .field("n", 42)
                        .field("b", true)
                        .field("s", "said \"call\" C:\\")
                        .toLineProtocol();

        assertThat(line).isEqualTo("kinds d=1.0E-7,n=42i,b=true,s=\"said \\\"call\\\" C:\\\\\" 0");
    }

    @Test
    void spacesCommasAndEqualSignsInTagsAreEscaped() {
        String line =
                MeasurementPoint.of(Measurements.PIPELINE, Instant.EPOCH)
                        .tag("reason", "bad type, x=1")
                        .field("count", 1)
                        .toLineProtocol();

        assertThat(line).isEqualTo("pipeline,reason=bad\\ type\\,\\ x\\=1 count=1i 0");
    }

    @Test
    void namesThatLineProtocolWouldHaveToEscapeAreNotInAContract() {
        assertThatThrownBy(() -> new Measurement("limb volume", List.of(), Map.of()))
                .hasMessage("measurement, tag and field names are lower_snake_case: limb volume");
        assertThatThrownBy(() -> new Measurement("m", List.of("ward,bed"), Map.of()))
                .hasMessageContaining("ward,bed");
        assertThatThrownBy(() -> new Measurement("m", List.of(), Map.of("a=b", FieldType.LONG)))
                .hasMessageContaining("a=b");
    }

    @Test
    void tagOrFieldOutsideTheContractIsRejected() {
        MeasurementPoint point = MeasurementPoint.of(Measurements.LIMB_VOLUME, MEASURED_AT);

        assertThatThrownBy(() -> point.tag("ward", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limb_volume has no tag ward");
        assertThatThrownBy(() -> point.field("weight_kg", 70.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limb_volume has no field weight_kg");
    }

    @Test
    void fieldOfTheWrongTypeIsRejected() {
        assertThatThrownBy(
                        () ->
                                MeasurementPoint.of(Measurements.LIMB_VOLUME, MEASURED_AT)
                                        .field("volume_ml", 2450))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limb_volume field volume_ml is DOUBLE, not LONG");
    }

    @Test
    void valuesInfluxDbCannotStoreAreRejected() {
        MeasurementPoint point = MeasurementPoint.of(Measurements.SWELLING, MEASURED_AT);

        assertThatThrownBy(() -> point.field("rvc_pct", Double.NaN))
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> point.tag("patient", "")).hasMessageContaining("empty");
        assertThatThrownBy(
                        () ->
                                MeasurementPoint.of(Measurements.ALERT, MEASURED_AT)
                                        .field("message", "call your provider\nnow"))
                .hasMessageContaining("line break");
        assertThatThrownBy(
                        () ->
                                MeasurementPoint.of(Measurements.SWELLING, Instant.MAX)
                                        .field("rvc_pct", 1.0))
                .hasMessageContaining("outside the store's range");
    }

    @Test
    void pointWithoutFieldsOrWithATagSetTwiceIsRejected() {
        assertThatThrownBy(
                        () ->
                                MeasurementPoint.of(Measurements.SWELLING, MEASURED_AT)
                                        .tag("patient", "p-1")
                                        .toLineProtocol())
                .hasMessage("swelling point has no field");
        assertThatThrownBy(
                        () ->
                                MeasurementPoint.of(Measurements.SWELLING, MEASURED_AT)
                                        .tag("patient", "p-1")
                                        .tag("patient", "p-2"))
                .hasMessage("swelling patient is set twice");
    }
}

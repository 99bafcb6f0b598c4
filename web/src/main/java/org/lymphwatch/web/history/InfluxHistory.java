package org.lymphwatch.web.history;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.lymphwatch.model.Side;
import org.lymphwatch.web.Resources;

/**
 * {@link PatientHistory} from InfluxDB 2 with Flux. The queries are the files in {@code
 * resources/flux/}, written with Grafana's variables ({@code ${patient}}, {@code ${bucket}}, {@code
 * v.timeRangeStart}) so the Grafana patient dashboard uses the very same text; here the variables
 * are filled in. Patient ids are pseudonymous ids ({@code [A-Za-z0-9._:-]}), checked before they
 * get here, so they cannot break out of the Flux string.
 */
public final class InfluxHistory implements PatientHistory {

    /** The query files, also read by the contract test against the measurement constants. */
    public static final List<String> QUERIES =
            List.of("limb_volume", "swelling", "bioimpedance", "patient_context");

    private final InfluxDBClient client;
    private final String org;
    private final String bucket;
    private final String url;

    public InfluxHistory(String url, char[] token, String org, String bucket) {
        this.client = InfluxDBClientFactory.create(url, token, org, bucket);
        this.url = url;
        this.org = org;
        this.bucket = bucket;
    }

    @Override
    public History of(String patientId) {
        try {
            return new History(
                    records(
                            "limb_volume",
                            patientId,
                            r ->
                                    new VolumePoint(
                                            r.getTime(),
                                            Side.valueOf((String) r.getValueByKey("side")),
                                            number(r, "volume_ml"),
                                            (String) r.getValueByKey("reading_id"))),
                    records(
                            "swelling",
                            patientId,
                            r ->
                                    new SwellingPoint(
                                            r.getTime(),
                                            number(r, "rvc_pct"),
                                            number(r, "ilvd_pct"),
                                            number(r, "ldex_delta"),
                                            number(r, "trend_slope_pct_per_week"),
                                            number(r, "trend_ci_low_pct_per_week"),
                                            number(r, "trend_ci_high_pct_per_week"))),
                    records(
                            "bioimpedance",
                            patientId,
                            r ->
                                    new BioimpedancePoint(
                                            r.getTime(),
                                            number(r, "ldex"),
                                            number(r, "r0_ratio"),
                                            (String) r.getValueByKey("reading_id"))),
                    records(
                            "patient_context",
                            patientId,
                            r ->
                                    new ContextEvent(
                                            r.getTime(),
                                            flag(r, "massage_session"),
                                            flag(r, "fever"),
                                            flag(r, "redness"),
                                            (String) r.getValueByKey("reading_id"))));
        } catch (RuntimeException e) {
            throw new StoreUnavailable("InfluxDB at " + url + " did not answer", e);
        }
    }

    /** The query file with the variables filled in: the whole history up to now. */
    static String query(String name, String bucket, String patientId) {
        return flux(name)
                .replace("${bucket}", bucket)
                .replace("${patient}", patientId)
                .replace("v.timeRangeStart", "0")
                .replace("v.timeRangeStop", "now()");
    }

    /** The query file's text as Grafana sees it. */
    public static String flux(String name) {
        return Resources.text("/flux/" + name + ".flux");
    }

    private <T> List<T> records(String name, String patientId, Function<FluxRecord, T> mapper) {
        List<T> result = new ArrayList<>();
        for (FluxTable table : client.getQueryApi().query(query(name, bucket, patientId), org)) {
            for (FluxRecord r : table.getRecords()) {
                result.add(mapper.apply(r));
            }
        }
        return result;
    }

    private static Double number(FluxRecord r, String column) {
        Object v = r.getValueByKey(column);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static boolean flag(FluxRecord r, String column) {
        return Boolean.TRUE.equals(r.getValueByKey(column));
    }

    @Override
    public void close() {
        client.close();
    }
}

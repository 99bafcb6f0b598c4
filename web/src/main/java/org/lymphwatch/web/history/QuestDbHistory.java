package org.lymphwatch.web.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.lymphwatch.model.Side;

/**
 * {@link PatientHistory} from QuestDB over the PostgreSQL wire protocol (the embedded store of
 * local runs and tests). Table and column names are the measurements' and fields' names.
 */
public final class QuestDbHistory implements PatientHistory {

    private final String jdbcUrl;
    private final Properties credentials = new Properties();

    public QuestDbHistory(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        credentials.setProperty("sslmode", "disable");
    }

    @Override
    public History of(String patientId) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, credentials)) {
            return new History(
                    rows(
                            c,
                            "SELECT timestamp, side, volume_ml, reading_id FROM limb_volume",
                            patientId,
                            r ->
                                    new VolumePoint(
                                            time(r),
                                            Side.valueOf(r.getString(2)),
                                            r.getDouble(3),
                                            r.getString(4))),
                    rows(
                            c,
                            "SELECT timestamp, rvc_pct, ilvd_pct, ldex_delta,"
                                    + " trend_slope_pct_per_week, trend_ci_low_pct_per_week,"
                                    + " trend_ci_high_pct_per_week FROM swelling",
                            patientId,
                            r ->
                                    new SwellingPoint(
                                            time(r),
                                            number(r, 2),
                                            number(r, 3),
                                            number(r, 4),
                                            number(r, 5),
                                            number(r, 6),
                                            number(r, 7))),
                    rows(
                            c,
                            "SELECT timestamp, ldex, r0_ratio, reading_id FROM bioimpedance",
                            patientId,
                            r ->
                                    new BioimpedancePoint(
                                            time(r), number(r, 2), number(r, 3), r.getString(4))),
                    rows(
                            c,
                            "SELECT timestamp, massage_session, fever, redness, reading_id"
                                    + " FROM patient_context",
                            patientId,
                            r ->
                                    new ContextEvent(
                                            time(r),
                                            r.getBoolean(2),
                                            r.getBoolean(3),
                                            r.getBoolean(4),
                                            r.getString(5))));
        } catch (SQLException e) {
            throw new StoreUnavailable("QuestDB at " + jdbcUrl + " did not answer", e);
        }
    }

    private interface RowMapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    /** The newest MAX_POINTS rows of the patient, returned oldest first. */
    private static <T> List<T> rows(
            Connection c, String select, String patientId, RowMapper<T> mapper)
            throws SQLException {
        String sql = select + " WHERE patient = ? ORDER BY timestamp DESC LIMIT " + MAX_POINTS;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, patientId);
            try (ResultSet r = s.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (r.next()) {
                    result.add(mapper.map(r));
                }
                Collections.reverse(result);
                return result;
            }
        }
    }

    private static Instant time(ResultSet r) throws SQLException {
        // QuestDB keeps UTC and sends timestamps without a zone.
        return r.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static Double number(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() || Double.isNaN(v) ? null : v;
    }
}

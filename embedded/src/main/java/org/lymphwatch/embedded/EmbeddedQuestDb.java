package org.lymphwatch.embedded;

import io.questdb.ServerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.lymphwatch.model.store.FieldType;
import org.lymphwatch.model.store.Measurement;
import org.lymphwatch.model.store.Measurements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process QuestDB standing in for InfluxDB: it accepts the InfluxDB v2 write API ({@code
 * /api/v2/write}) on {@link #influxUrl()} and answers SQL over the PostgreSQL wire protocol for
 * reading back. Every measurement of {@link Measurements#ALL} exists as a table up front, with
 * nanosecond timestamps and DEDUP UPSERT KEYS on time and all tags, so that writing a point again
 * overwrites it as InfluxDB does. The write API honours the request's precision; lymphwatch writes
 * nanoseconds, so stored times are exact. Points that do not fit a table are rejected (HTTP 400):
 * no table or column is created on the fly.
 *
 * <p>Tables are WAL tables: a write is acknowledged before it is visible to queries, so readers
 * call {@link #awaitApplied(Duration)} first.
 */
public final class EmbeddedQuestDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQuestDb.class);
    private static final String USER = "admin";
    private static final String PASSWORD = "quest";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private static Path questDbLog;

    private final Path root;
    private ServerMain server;
    private int httpPort;
    private int pgPort;

    private EmbeddedQuestDb(Path root) {
        this.root = root;
    }

    /** Starts a server on free ports in a fresh temporary directory and creates the tables. */
    public static EmbeddedQuestDb start() throws IOException, SQLException {
        EmbeddedQuestDb questDb =
                new EmbeddedQuestDb(Files.createTempDirectory("lymphwatch-questdb-"));
        try {
            Files.createDirectories(questDb.root.resolve("conf"));
            Files.writeString(questDb.root.resolve("conf/log.conf"), logConf());
            questDb.launch(0, 0);
            questDb.createTables();
            return questDb;
        } catch (IOException | SQLException | RuntimeException e) {
            questDb.close();
            throw e;
        }
    }

    /** Base URL of the InfluxDB v2 write API; any token, org and bucket are accepted. */
    public String influxUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    /** A new PG-wire connection; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("sslmode", "disable");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** What is done with each row of a query; the result set stands at that row. */
    @FunctionalInterface
    public interface RowAction {
        void accept(ResultSet row) throws SQLException;
    }

    /** Runs a query and hands each row to {@code action} in turn, without a map per row. */
    public void forEachRow(String sql, RowAction action) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                action.accept(rows);
            }
        }
    }

    /** Runs a query and returns its rows, each as column label to value in column order. */
    public List<Map<String, Object>> query(String sql) throws SQLException {
        List<Map<String, Object>> result = new ArrayList<>();
        forEachRow(
                sql,
                rows -> {
                    ResultSetMetaData columns = rows.getMetaData();
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        row.put(columns.getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                });
        return result;
    }

    /** The first column of the first row, e.g. of {@code SELECT count() FROM ...}. */
    public long queryLong(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("no rows: " + sql);
            }
            return rows.getLong(1);
        }
    }

    /**
     * Waits until every acknowledged write is visible to queries: each WAL table has applied all
     * transactions its sequencer has accepted.
     *
     * @throws IllegalStateException if a table is suspended (it stopped applying after an error) or
     *     the writes are not applied within the timeout
     */
    public void awaitApplied(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql =
                "SELECT name, suspended, writerTxn, sequencerTxn, errorMessage FROM wal_tables()";
        while (true) {
            List<Map<String, Object>> pending =
                    query(sql).stream()
                            .filter(t -> (Long) t.get("writerTxn") < (Long) t.get("sequencerTxn"))
                            .toList();
            for (Map<String, Object> table : pending) {
                if (Boolean.TRUE.equals(table.get("suspended"))) {
                    throw new IllegalStateException(
                            "QuestDB table "
                                    + table.get("name")
                                    + " is suspended: "
                                    + table.get("errorMessage"));
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "QuestDB has not applied pending writes within "
                                + timeout
                                + ": "
                                + pending.stream()
                                        .map(
                                                t ->
                                                        t.get("name")
                                                                + " at "
                                                                + t.get("writerTxn")
                                                                + " of "
                                                                + t.get("sequencerTxn"))
                                        .collect(Collectors.joining(", ")));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /**
     * Deletes every row of every table, keeping the tables, once all acknowledged writes are
     * applied: the store as it was at start, for runs that must each begin with an empty one (a
     * benchmark's repeated runs; writing the same points again into full tables is an upsert of
     * every row, not what a fresh replay does).
     */
    public void emptyTables(Duration timeout) throws SQLException, InterruptedException {
        awaitApplied(timeout);
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (Measurement measurement : Measurements.ALL) {
                statement.execute("TRUNCATE TABLE " + quote(measurement.name()));
            }
        }
        awaitApplied(timeout);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the server, keeping its data; its ports then refuse connections. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
            LOG.info("QuestDB stopped");
        }
    }

    /** Starts the stopped server again on the same ports and data. */
    public synchronized void restart() throws IOException {
        if (server != null) {
            throw new IllegalStateException("QuestDB is running");
        }
        launch(httpPort, pgPort);
    }

    /** Stops the server and deletes its data. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            Directories.delete(root);
        }
    }

    Path root() {
        return root;
    }

    private synchronized void launch(int http, int pg) throws IOException {
        long startedAt = System.nanoTime();
        Files.writeString(root.resolve("conf/server.conf"), serverConf(http, pg));
        ServerMain started = new ServerMain("-d", root.toString());
        try {
            started.start();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        server = started;
        // Port 0 on first start: later restarts bind the ports chosen now, so clients reconnect.
        httpPort = started.getHttpServerPort();
        pgPort = started.getPgWireServerPort();
        LOG.info(
                "QuestDB up at {} (PG wire port {}) in {} ms, data in {}",
                influxUrl(),
                pgPort,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                root);
    }

    private void createTables() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (Measurement measurement : Measurements.ALL) {
                statement.execute(createTable(measurement));
            }
        }
    }

    /**
     * Partitions of a month: a replay runs weeks of event time per second, and with a partition per
     * day every commit of the store touched a dozen or more of them per table, each a set of files
     * mapped and written (the embedded store's CPU was then mostly the kernel's); by month, a
     * replay of the 1,000-patient two-year cohort ran a third faster. Live data touch one partition
     * either way.
     */
    private static String createTable(Measurement measurement) {
        List<String> columns = new ArrayList<>();
        columns.add("\"timestamp\" TIMESTAMP_NS");
        measurement.tags().forEach(tag -> columns.add(quote(tag) + " SYMBOL"));
        measurement
                .fields()
                .forEach((field, type) -> columns.add(quote(field) + " " + columnType(type)));
        List<String> keys = new ArrayList<>();
        keys.add("\"timestamp\"");
        measurement.tags().forEach(tag -> keys.add(quote(tag)));
        return "CREATE TABLE IF NOT EXISTS "
                + quote(measurement.name())
                + " ("
                + String.join(", ", columns)
                + ") TIMESTAMP(\"timestamp\") PARTITION BY MONTH WAL DEDUP UPSERT KEYS("
                + String.join(", ", keys)
                + ")";
    }

    private static String columnType(FieldType type) {
        return switch (type) {
            case DOUBLE -> "DOUBLE";
            case LONG -> "LONG";
            case STRING -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
        };
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    private static String serverConf(int http, int pg) {
        return String.join(
                "\n",
                "http.net.bind.to=127.0.0.1:" + http,
                "pg.net.bind.to=127.0.0.1:" + pg,
                "http.min.enabled=false",
                "line.tcp.enabled=false",
                "line.udp.enabled=false",
                "telemetry.enabled=false",
                // Points must fit the contract's tables; nothing is created on the fly.
                "line.auto.create.new.tables=false",
                "line.auto.create.new.columns=false",
                // A few threads that sleep soon when idle: the machines running this have 2 cores.
                "shared.network.worker.count=1",
                "shared.query.worker.count=1",
                "shared.write.worker.count=1",
                "wal.apply.worker.count=1",
                "mat.view.refresh.worker.count=1",
                "view.compiler.worker.count=1",
                "shared.worker.yield.threshold=10",
                "shared.worker.nap.threshold=10",
                "shared.worker.sleep.threshold=100",
                "wal.apply.worker.yield.threshold=10",
                "wal.apply.worker.nap.threshold=10",
                "wal.apply.worker.sleep.threshold=100",
                "mat.view.refresh.worker.yield.threshold=10",
                "mat.view.refresh.worker.nap.threshold=10",
                "mat.view.refresh.worker.sleep.threshold=100",
                "");
    }

    /**
     * QuestDB configures its own logging once per JVM, from the first server started, and always
     * prints advisories to a console writer; so every embedded server logs to one file per JVM.
     */
    private static synchronized String logConf() throws IOException {
        if (questDbLog == null) {
            Path directory = Files.createTempDirectory("lymphwatch-questdb-log-");
            questDbLog = directory.resolve("questdb.log");
            directory.toFile().deleteOnExit();
            questDbLog.toFile().deleteOnExit();
            LOG.info("QuestDB logs to {}", questDbLog);
        }
        return String.join(
                "\n",
                "writers=file",
                "w.file.class=io.questdb.log.LogFileWriter",
                "w.file.location=" + questDbLog,
                "w.file.level=ERROR",
                "");
    }
}

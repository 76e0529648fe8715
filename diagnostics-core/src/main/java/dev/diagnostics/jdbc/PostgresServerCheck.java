package dev.diagnostics.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.Redaction;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/**
 * The {@code postgres} check: what an on-call engineer would read from {@code pg_stat_activity} by hand.
 *
 * <ul>
 * <li>Connection headroom: connections in use against {@code max_connections} minus the reserved slots, connections
 * by application name, and whether this pool's maximum times the expected instance count fits.</li>
 * <li>Active queries running longer than a threshold (default 5 min), sessions idle in a transaction (default
 * 1 min), sessions blocked by others with the blockers' pids ({@code pg_blocking_pids}), and replication lag on a
 * standby.</li>
 * </ul>
 *
 * <p>Query text is never read unless {@code show-query-text} is on (it can carry personal data), and is then cut to
 * {@code query-text-length}. The inspection runs inside a transaction with its own {@code statement_timeout} and is
 * rolled back, and it takes no connection from an exhausted pool. Register it with {@link #registration}: readiness,
 * non-critical (a busy server degrades the report, it does not take the instance out), at most every
 * {@code interval}.
 */
public final class PostgresServerCheck implements HealthCheck {

    /** The check's default name. */
    public static final String NAME = "postgres";

    private final ConnectionRoute route;

    private final PostgresCheckConfig config;

    private final JdbcUrl url;

    private PostgresServerCheck(Builder builder) {
        this.route = new ConnectionRoute(builder.dataSource, builder.pool, builder.direct, builder.deadline,
                builder.time);
        this.config = builder.config;
        this.url = (builder.direct != null) ? builder.direct.url() : JdbcUrl.parse("jdbc:postgresql://unknown");
    }

    public static Builder builder(DataSource dataSource, TimeSource time) {
        return new Builder(dataSource, time);
    }

    /** Readiness, non-critical, cached for the configured interval. */
    public static CheckRegistration.Builder registration(String name, PostgresServerCheck check) {
        return CheckRegistration.builder(name, check).groups(HealthGroups.READINESS).critical(false)
                .cacheTtl(check.config.interval());
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public Diagnosis timeoutDiagnosis(Duration timeout) {
        return Diagnosis.of("postgres.inspection-timed-out",
                "Reading pg_stat_activity on " + this.url.address() + " took longer than " + timeout.toMillis() + " ms",
                "The server is overloaded or its catalogs are locked; see the 'db' check and the server's load.");
    }

    @Override
    public CheckResult check() throws SQLException {
        String poolBusy = this.route.poolBusyReason();
        if (poolBusy != null && this.route.direct() == null) {
            return CheckResult.unknown()
                    .diagnosis("postgres.not-inspected", "The server was not inspected: " + poolBusy
                            + ", and no direct connection is configured",
                            "See the 'pool' check for who holds the connections.")
                    .build();
        }
        try (Connection connection = (poolBusy != null) ? this.route.direct().open() : this.route.borrow()) {
            return inspect(connection, (poolBusy != null) ? "direct connection" : "pool");
        }
        catch (ConnectionRoute.BorrowDeadlineException ex) {
            if (this.route.direct() == null) {
                throw ex.getCause();
            }
            try (Connection connection = this.route.direct().open()) {
                return inspect(connection, "direct connection");
            }
        }
    }

    private CheckResult inspect(Connection connection, String via) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, (this.config.statementTimeout().toMillis() + 999) / 1000));
            statement.execute("set local statement_timeout = " + this.config.statementTimeout().toMillis());
            return findings(statement, via);
        }
        finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private CheckResult findings(Statement statement, String via) throws SQLException {
        Map<String, Object> server = new LinkedHashMap<>();
        int max;
        int reserved;
        int inUse;
        boolean standby;
        try (ResultSet rs = statement.executeQuery("select current_setting('server_version'),"
                + " current_setting('max_connections')::int,"
                + " current_setting('superuser_reserved_connections')::int"
                + " + coalesce((select setting::int from pg_settings where name = 'reserved_connections'), 0),"
                + " (select count(*) from pg_stat_activity where backend_type = 'client backend')::int,"
                + " pg_is_in_recovery()")) {
            rs.next();
            server.put("version", rs.getString(1));
            max = rs.getInt(2);
            reserved = rs.getInt(3);
            inUse = rs.getInt(4);
            standby = rs.getBoolean(5);
        }
        int usable = Math.max(1, max - reserved);
        double usage = (double) inUse / usable;
        server.put("standby", standby);
        Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("inUse", inUse);
        connections.put("max", max);
        connections.put("reserved", reserved);
        connections.put("usage", Math.round(usage * 100) / 100.0);
        List<Map<String, Object>> byApplication = byApplication(statement);
        List<Map<String, Object>> longRunning = sessions(statement, "state = 'active'", "query_start",
                this.config.longRunningQuery());
        List<Map<String, Object>> idleInTransaction = sessions(statement,
                "state in ('idle in transaction', 'idle in transaction (aborted)')", "state_change",
                this.config.idleInTransaction());
        List<Map<String, Object>> blocked = blocked(statement);
        Double lagSeconds = standby ? replicaLag(statement) : null;

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("server", server);
        details.put("connections", connections);
        details.put("byApplication", byApplication);
        PoolView pool = this.route.pool();
        Boolean poolFits = null;
        if (pool != null) {
            int needed = pool.max() * this.config.expectedInstances();
            poolFits = needed <= usable;
            details.put("thisPool", Map.of("name", pool.name(), "max", pool.max(), "expectedInstances",
                    this.config.expectedInstances(), "fits", poolFits));
        }
        details.put("longRunningQueries", longRunning);
        details.put("idleInTransaction", idleInTransaction);
        details.put("blockedSessions", blocked);
        details.put("via", via);
        if (lagSeconds != null) {
            details.put("replicaLagSeconds", lagSeconds);
        }
        Diagnosis diagnosis = diagnosis(inUse, usable, usage, blocked, longRunning, idleInTransaction, poolFits, pool,
                lagSeconds, byApplication);
        return CheckResult.status((diagnosis != null) ? dev.diagnostics.Status.DEGRADED : dev.diagnostics.Status.UP)
                .details(details)
                .diagnosis(diagnosis)
                .build();
    }

    private Diagnosis diagnosis(int inUse, int usable, double usage, List<Map<String, Object>> blocked,
            List<Map<String, Object>> longRunning, List<Map<String, Object>> idleInTransaction, Boolean poolFits,
            PoolView pool, Double lagSeconds, List<Map<String, Object>> byApplication) {
        String address = this.url.address();
        if (inUse >= usable) {
            return Diagnosis.of("postgres.connections-exhausted",
                    "All " + usable + " usable connection slots on " + address + " are taken; new connections fail"
                            + " with SQLSTATE 53300 (" + top(byApplication) + ")",
                    "Lower the pools' maximum size across all instances, close idle sessions, or put a pooler"
                            + " (PgBouncer) in front; raising max_connections needs a restart.");
        }
        if (!blocked.isEmpty()) {
            Map<String, Object> first = blocked.get(0);
            return Diagnosis.of("postgres.blocked-sessions",
                    blocked.size() + " session(s) wait for locks; pid " + first.get("pid") + " has waited "
                            + first.get("seconds") + " s, blocked by pid(s) " + first.get("blockedBy"),
                    "Look at what the blocking session does (SELECT * FROM pg_stat_activity WHERE pid = <blocker>);"
                            + " end its transaction, or pg_cancel_backend / pg_terminate_backend it.");
        }
        if (!longRunning.isEmpty()) {
            Map<String, Object> first = longRunning.get(0);
            return Diagnosis.of("postgres.long-running-queries",
                    longRunning.size() + " quer(ies) running longer than "
                            + this.config.longRunningQuery().toSeconds() + " s; the longest, pid " + first.get("pid")
                            + " from '" + first.get("application") + "', for " + first.get("seconds") + " s",
                    "Check its plan (EXPLAIN), add an index, or cancel it (SELECT pg_cancel_backend(<pid>)); set a"
                            + " statement_timeout for the application's role.");
        }
        if (!idleInTransaction.isEmpty()) {
            Map<String, Object> first = idleInTransaction.get(0);
            return Diagnosis.of("postgres.idle-in-transaction",
                    idleInTransaction.size() + " session(s) idle inside an open transaction for more than "
                            + this.config.idleInTransaction().toSeconds() + " s; pid " + first.get("pid") + " from '"
                            + first.get("application") + "' for " + first.get("seconds") + " s: they hold locks and a"
                            + " pool connection",
                    "Find the code that opens a transaction and waits (a remote call inside @Transactional is"
                            + " typical); set idle_in_transaction_session_timeout.");
        }
        if (usage >= this.config.headroomWarning()) {
            return Diagnosis.of("postgres.connections-near-limit",
                    inUse + " of " + usable + " usable connection slots on " + address + " are in use ("
                            + top(byApplication) + ")",
                    "Plan for the next scale-out: lower pool sizes or add a pooler before new instances fail to"
                            + " connect.");
        }
        if (Boolean.FALSE.equals(poolFits)) {
            return Diagnosis.of("postgres.pool-would-not-fit",
                    "This pool may open " + pool.max() + " connections on each of "
                            + this.config.expectedInstances() + " instances, " + (pool.max()
                                    * this.config.expectedInstances())
                            + " in all, but the server has " + usable + " usable slots",
                    "Lower the pool's maximum size or the instance count, or raise max_connections.");
        }
        if (lagSeconds != null && lagSeconds > this.config.replicaLag().toSeconds()) {
            return Diagnosis.of("postgres.replica-lag",
                    "This standby replays " + lagSeconds + " s behind its primary",
                    "Check the replication link and the standby's I/O; reads here may be stale.");
        }
        return null;
    }

    private static String top(List<Map<String, Object>> byApplication) {
        if (byApplication.isEmpty()) {
            return "no client sessions";
        }
        StringBuilder top = new StringBuilder("most from ");
        for (int i = 0; i < byApplication.size() && i < 3; i++) {
            Map<String, Object> entry = byApplication.get(i);
            top.append(i == 0 ? "" : ", ").append('\'').append(entry.get("application")).append("': ")
                    .append(entry.get("connections"));
        }
        return top.toString();
    }

    private static List<Map<String, Object>> byApplication(Statement statement) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("select coalesce(nullif(application_name, ''), '(none)'),"
                + " count(*)::int from pg_stat_activity where backend_type = 'client backend'"
                + " group by 1 order by 2 desc, 1 limit 10")) {
            while (rs.next()) {
                rows.add(Map.of("application", rs.getString(1), "connections", rs.getInt(2)));
            }
        }
        return rows;
    }

    private List<Map<String, Object>> sessions(Statement statement, String condition, String since, Duration older)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("select pid, usename, coalesce(nullif(application_name, ''),"
                + " '(none)'), state, extract(epoch from now() - " + since + ")::float8, wait_event_type, wait_event"
                + queryColumn() + " from pg_stat_activity where backend_type = 'client backend' and " + condition
                + " and pid <> pg_backend_pid() and now() - " + since + " > interval '" + older.toMillis()
                + " milliseconds' order by " + since + " limit 10")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pid", rs.getInt(1));
                row.put("user", rs.getString(2));
                row.put("application", rs.getString(3));
                row.put("state", rs.getString(4));
                row.put("seconds", round(rs.getDouble(5)));
                row.put("waitEvent", waitEvent(rs.getString(6), rs.getString(7)));
                addQuery(row, rs, 8);
                rows.add(row);
            }
        }
        return rows;
    }

    private List<Map<String, Object>> blocked(Statement statement) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("select pid, coalesce(nullif(application_name, ''), '(none)'),"
                + " pg_blocking_pids(pid), extract(epoch from now() - coalesce(query_start, state_change))::float8,"
                + " wait_event_type, wait_event" + queryColumn() + " from pg_stat_activity"
                + " where cardinality(pg_blocking_pids(pid)) > 0 order by query_start limit 10")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pid", rs.getInt(1));
                row.put("application", rs.getString(2));
                row.put("blockedBy", pids(rs.getArray(3)));
                row.put("seconds", round(rs.getDouble(4)));
                row.put("waitEvent", waitEvent(rs.getString(5), rs.getString(6)));
                addQuery(row, rs, 7);
                rows.add(row);
            }
        }
        return rows;
    }

    private static Double replicaLag(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "select extract(epoch from now() - pg_last_xact_replay_timestamp())::float8")) {
            rs.next();
            double lag = rs.getDouble(1);
            return rs.wasNull() ? null : round(lag);
        }
    }

    private String queryColumn() {
        return this.config.showQueryText() ? ", left(query, " + this.config.queryTextLength() + ")" : "";
    }

    private void addQuery(Map<String, Object> row, ResultSet rs, int column) throws SQLException {
        if (this.config.showQueryText()) {
            row.put("query", Redaction.redact(rs.getString(column)));
        }
    }

    private static List<Integer> pids(Array array) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        if (array != null) {
            for (Object pid : (Object[]) array.getArray()) {
                pids.add(((Number) pid).intValue());
            }
        }
        return pids;
    }

    private static String waitEvent(String type, String event) {
        return (type == null) ? null : type.toLowerCase(Locale.ROOT) + ":" + event;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    @Override
    public String toString() {
        return "PostgresServerCheck[" + this.url.redacted() + "]";
    }

    /** Builds a {@link PostgresServerCheck}. */
    public static final class Builder {

        private final DataSource dataSource;

        private final TimeSource time;

        private PoolView pool;

        private DirectConnector direct;

        private Duration deadline = Duration.ofMillis(400);

        private PostgresCheckConfig config = PostgresCheckConfig.defaults();

        private Builder(DataSource dataSource, TimeSource time) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.time = Objects.requireNonNull(time, "time");
        }

        public Builder pool(PoolView pool) {
            this.pool = pool;
            return this;
        }

        public Builder directConnector(DirectConnector direct) {
            this.direct = direct;
            return this;
        }

        /** How long to wait for the pool to lend a connection. */
        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        public Builder config(PostgresCheckConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public PostgresServerCheck build() {
            return new PostgresServerCheck(this);
        }
    }
}

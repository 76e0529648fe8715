package dev.diagnostics.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Status;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.pool.ConnectionHolders;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.testing.PrivatePostgres;
import dev.diagnostics.testing.SharedPostgres;
import dev.diagnostics.time.SystemTimeSource;

/** The postgres check against the real server, with each situation it exists to report. */
class PostgresServerCheckTests {

    private static final String TAG = "diag-postgres-check-test";

    private final SystemTimeSource time = new SystemTimeSource();

    private final List<Connection> connections = new ArrayList<>();

    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Thread thread : this.threads) {
            thread.interrupt();
        }
        SharedPostgres.execute("select pg_cancel_backend(pid) from pg_stat_activity where query like '%" + TAG
                + "%' and pid <> pg_backend_pid()");
        for (Connection connection : this.connections) {
            connection.close();
        }
        for (Thread thread : this.threads) {
            thread.join(10_000);
        }
        this.time.close();
    }

    private Connection session(String url, String user, String application) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("ApplicationName", application);
        Connection connection = DriverManager.getConnection(url, properties);
        this.connections.add(connection);
        return connection;
    }

    private PostgresServerCheck check(String url, PostgresCheckConfig config, PoolView pool) {
        DriverConnector direct = new DriverConnector(url, "postgres", null, null, null, Duration.ofSeconds(1));
        return PostgresServerCheck.builder(new DirectOnlyDataSource(direct), this.time).directConnector(direct)
                .pool(pool).config(config).build();
    }

    private void inBackground(String name, ThrowingRunnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            }
            catch (Exception ex) {
                // Cancelled at cleanup.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        this.threads.add(thread);
    }

    private static void awaitSessions(String condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection connection = SharedPostgres.connect(); Statement statement = connection.createStatement();
                    var rs = statement.executeQuery("select count(*) from pg_stat_activity where " + condition)) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session matched " + condition);
    }

    @Test
    void healthyServerReportsHeadroomAndConnectionsByApplication() throws Exception {
        session(SharedPostgres.URL, "postgres", "billing-service");

        CheckResult result = check(SharedPostgres.URL, PostgresCheckConfig.defaults(), null).check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details().get("server").toString()).contains("version=15");
        assertThat(result.details().get("connections").toString()).contains("inUse=").contains("max=100");
        assertThat(result.details().get("byApplication").toString()).contains("application=billing-service");
        assertThat(result.details()).containsEntry("longRunningQueries", List.of())
                .containsEntry("blockedSessions", List.of());
    }

    @Test
    void longRunningQueryIsReportedWithoutItsTextByDefault() throws Exception {
        Connection reports = session(SharedPostgres.URL, "postgres", "report-service");
        inBackground("report-query", () -> {
            try (Statement statement = reports.createStatement()) {
                statement.execute("select pg_sleep(30), 'password=hunter2' /* " + TAG + " */");
            }
        });
        awaitSessions("application_name = 'report-service' and state = 'active' and now() - query_start > interval '300 milliseconds'");
        PostgresCheckConfig config = PostgresCheckConfig.builder().longRunningQuery(Duration.ofMillis(200)).build();

        CheckResult hidden = check(SharedPostgres.URL, config, null).check();
        CheckResult shown = check(SharedPostgres.URL, PostgresCheckConfig.builder()
                .longRunningQuery(Duration.ofMillis(200)).showQueryText(true).queryTextLength(40).build(), null).check();

        assertThat(hidden.status()).isEqualTo(Status.DEGRADED);
        assertThat(hidden.diagnosis().orElseThrow().code()).isEqualTo("postgres.long-running-queries");
        assertThat(hidden.diagnosis().orElseThrow().cause()).contains("'report-service'");
        assertThat(HealthReportJson.component(new dev.diagnostics.CheckReport("postgres", hidden, false,
                java.util.Set.of(), hidden.status()), true).toString())
                .doesNotContain("pg_sleep").doesNotContain("query=");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queries = (List<Map<String, Object>>) shown.details().get("longRunningQueries");
        assertThat(queries).anySatisfy((query) -> {
            assertThat(query.get("query").toString()).startsWith("select pg_sleep(30)").hasSizeLessThanOrEqualTo(40)
                    .doesNotContain("hunter2");
            assertThat(query.get("waitEvent")).isEqualTo("timeout:PgSleep");
        });
    }

    @Test
    void sessionIdleInATransactionIsReported() throws Exception {
        Connection idle = session(SharedPostgres.URL, "postgres", "checkout-service");
        idle.setAutoCommit(false);
        try (Statement statement = idle.createStatement()) {
            statement.execute("select 1 /* " + TAG + " */");
        }
        awaitSessions("application_name = 'checkout-service' and state = 'idle in transaction'"
                + " and now() - state_change > interval '300 milliseconds'");

        CheckResult result = check(SharedPostgres.URL, PostgresCheckConfig.builder()
                .idleInTransaction(Duration.ofMillis(200)).build(), null).check();

        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("postgres.idle-in-transaction");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("'checkout-service'");
    }

    @Test
    void blockedSessionIsReportedWithWhoBlocksIt() throws Exception {
        SharedPostgres.execute("create table if not exists diag_lock_test (id int)");
        Connection holder = session(SharedPostgres.URL, "postgres", "migration-job");
        holder.setAutoCommit(false);
        int holderPid;
        try (Statement statement = holder.createStatement()) {
            statement.execute("lock table diag_lock_test in access exclusive mode");
            var rs = statement.executeQuery("select pg_backend_pid()");
            rs.next();
            holderPid = rs.getInt(1);
        }
        Connection waiter = session(SharedPostgres.URL, "postgres", "orders-service");
        inBackground("blocked-reader", () -> {
            try (Statement statement = waiter.createStatement()) {
                statement.execute("select * from diag_lock_test /* " + TAG + " */");
            }
        });
        awaitSessions("application_name = 'orders-service' and wait_event_type = 'Lock'");

        CheckResult result = check(SharedPostgres.URL, PostgresCheckConfig.defaults(), null).check();

        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("postgres.blocked-sessions");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("blocked by pid(s) [" + holderPid + "]");
        holder.rollback();
    }

    @Test
    void fullServerAndAPoolThatWouldNotFitAreReported() throws Exception {
        try (PrivatePostgres cluster = PrivatePostgres.start()) {
            String url = cluster.url("postgres");
            try (Connection admin = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("create role app login");
            }
            PoolView bigPool = new FixedPool(10);
            CheckResult wouldNotFit = check(url, PostgresCheckConfig.builder().expectedInstances(5).build(), bigPool)
                    .check();
            assertThat(wouldNotFit.diagnosis().orElseThrow().code()).isEqualTo("postgres.pool-would-not-fit");
            assertThat(wouldNotFit.diagnosis().orElseThrow().cause()).contains("50 in all").contains("17 usable");

            SQLException refused = null;
            while (refused == null) {
                try {
                    session(url, "app", "greedy-service");
                }
                catch (SQLException ex) {
                    refused = ex;
                }
            }
            assertThat(refused.getSQLState()).isEqualTo("53300");

            CheckResult full = check(url, PostgresCheckConfig.defaults(), null).check();
            CheckResult db = DatabaseCheck.builder(new DirectOnlyDataSource(null), this.time)
                    .directConnector(new DriverConnector(url, "app", null, null, null, Duration.ofSeconds(1)))
                    .build().check();

            assertThat(full.diagnosis().orElseThrow().code()).isEqualTo("postgres.connections-exhausted");
            assertThat(full.diagnosis().orElseThrow().cause()).contains("'greedy-service'");
            assertThat(db.diagnosis().orElseThrow().code()).isEqualTo("db.too-many-connections");
            for (Connection connection : this.connections) {
                connection.close();
            }
            this.connections.clear();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {

        void run() throws Exception;
    }

    /** A DataSource that connects straight to the server, like an application without a pool. */
    static final class DirectOnlyDataSource extends AbstractDataSource {

        private final DirectConnector direct;

        DirectOnlyDataSource(DirectConnector direct) {
            this.direct = direct;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (this.direct == null) {
                throw new SQLException("no connection here");
            }
            return this.direct.open();
        }
    }

    /** A pool of a given size that lends connections freely. */
    record FixedPool(int max) implements PoolView {

        @Override
        public String name() {
            return "orders-pool";
        }

        @Override
        public int active() {
            return 0;
        }

        @Override
        public int idle() {
            return 1;
        }

        @Override
        public int total() {
            return 1;
        }

        @Override
        public int waiting() {
            return 0;
        }

        @Override
        public Duration acquireTimeout() {
            return null;
        }

        @Override
        public ConnectionHolders holders() {
            return null;
        }
    }
}

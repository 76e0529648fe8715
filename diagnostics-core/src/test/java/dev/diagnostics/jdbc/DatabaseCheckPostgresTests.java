package dev.diagnostics.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthReport;
import dev.diagnostics.Status;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.pool.hikari.HikariPools;
import dev.diagnostics.testing.PrivatePostgres;
import dev.diagnostics.testing.SharedPostgres;
import dev.diagnostics.testing.SilentServer;
import dev.diagnostics.time.SystemTimeSource;

/** The db check against the real PostgreSQL, including each fault it classifies. */
class DatabaseCheckPostgresTests {

    static final String CANARY = "Canary-db-5e1f0a";

    private static final SystemTimeSource time = new SystemTimeSource();

    private HikariDataSource pool;

    @BeforeAll
    static void roles() throws Exception {
        SharedPostgres.execute("DROP ROLE IF EXISTS diag_limited");
        SharedPostgres.execute("CREATE ROLE diag_limited LOGIN CONNECTION LIMIT 1");
    }

    @AfterAll
    static void dropRoles() throws Exception {
        SharedPostgres.execute("DROP ROLE IF EXISTS diag_limited");
        time.close();
    }

    @AfterEach
    void closePool() {
        if (this.pool != null) {
            this.pool.close();
        }
    }

    private HikariDataSource pool(String url, String user, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(CANARY);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("test-pool");
        this.pool = new HikariDataSource(config);
        return this.pool;
    }

    static DriverConnector direct(String url, String user) {
        return new DriverConnector(url, user, CANARY, null, null, Duration.ofSeconds(1));
    }

    private DatabaseCheck check(HikariDataSource dataSource) {
        PoolView view = HikariPools.attach(dataSource, "test-pool", time);
        return DatabaseCheck.builder(dataSource, time).pool(view)
                .directConnector(new DriverConnector(dataSource.getJdbcUrl(), dataSource.getUsername(),
                        dataSource.getPassword(), null, null, Duration.ofSeconds(1)))
                .build();
    }

    @Test
    void healthyDatabaseIsUpWithProductLatencyAndARedactedUrl() throws Exception {
        HikariDataSource dataSource = pool(SharedPostgres.URL + "?password=" + CANARY, "postgres", 2);

        CheckResult result = check(dataSource).check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details().get("database").toString()).startsWith("PostgreSQL 1");
        assertThat(result.details()).containsEntry("via", "pool").containsEntry("pool", "test-pool")
                .containsKey("latencyMs");
        assertThat(result.details().get("url").toString()).contains("127.0.0.1:5432/test").doesNotContain(CANARY);
    }

    @Test
    void refusedPortIsClassifiedAsConnectionRefused() throws Exception {
        int port = PrivatePostgres.freePort();
        DatabaseCheck check = DatabaseCheck.builder(new NoPoolDataSource(), time)
                .directConnector(direct("jdbc:postgresql://127.0.0.1:" + port + "/test", "postgres"))
                .build();

        CheckResult result = check.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("db.connection-refused");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("127.0.0.1:" + port);
    }

    @Test
    void serverThatAcceptsAndNeverAnswersEndsAtTheDeadlineAsATimeout() throws Exception {
        try (SilentServer silent = new SilentServer();
                HealthEngine engine = HealthEngine.builder()
                        .config(HealthEngineConfig.builder().defaultTimeout(Duration.ofMillis(300)).build())
                        .register(DatabaseCheck.registration("db", DatabaseCheck.builder(new NoPoolDataSource(), time)
                                .directConnector(direct("jdbc:postgresql://127.0.0.1:" + silent.port() + "/test",
                                        "postgres"))
                                .build()).build())
                        .build()) {
            HealthReport report = engine.evaluate();

            CheckResult db = report.check("db").orElseThrow().result();
            assertThat(db.status()).isEqualTo(Status.DOWN);
            assertThat(db.diagnosis().orElseThrow().code()).isEqualTo("db.timeout");
            assertThat(db.diagnosis().orElseThrow().cause()).contains("127.0.0.1:" + silent.port());
            assertThat(silent.acceptedConnections()).isGreaterThanOrEqualTo(1);
            assertThat(report.duration()).isLessThan(engine.config().budget());
        }
    }

    @Test
    void missingDatabaseAndRoleAreNamed() throws Exception {
        CheckResult noDatabase = DatabaseCheck.builder(new NoPoolDataSource(), time)
                .directConnector(direct("jdbc:postgresql://127.0.0.1:5432/no_such_db_diag", "postgres")).build()
                .check();
        CheckResult noRole = DatabaseCheck.builder(new NoPoolDataSource(), time)
                .directConnector(direct(SharedPostgres.URL, "no_such_role_diag")).build().check();

        assertThat(noDatabase.diagnosis().orElseThrow().code()).isEqualTo("db.unknown-database");
        assertThat(noDatabase.diagnosis().orElseThrow().cause()).contains("'no_such_db_diag'");
        assertThat(noRole.diagnosis().orElseThrow().code()).isEqualTo("db.unknown-role");
    }

    @Test
    void roleConnectionLimitIsReportedAsTooManyConnections() throws Exception {
        try (Connection held = java.sql.DriverManager.getConnection(SharedPostgres.URL, "diag_limited", "")) {
            assertThat(held.isValid(1)).isTrue();

            CheckResult result = DatabaseCheck.builder(new NoPoolDataSource(), time)
                    .directConnector(direct(SharedPostgres.URL, "diag_limited")).build().check();

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("db.too-many-connections");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("role").contains("53300");
        }
    }

    @Test
    void terminatedPooledConnectionIsReplacedAndTheCheckStaysUp() throws Exception {
        HikariDataSource dataSource = pool(SharedPostgres.URL, "postgres", 1);
        int pid;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            var rs = statement.executeQuery("select pg_backend_pid()");
            rs.next();
            pid = rs.getInt(1);
        }
        SharedPostgres.execute("select pg_terminate_backend(" + pid + ")");

        CheckResult result = check(dataSource).check();

        assertThat(result.status()).isEqualTo(Status.UP);
    }

    @Test
    void privateClusterStoppedIsDownWithinTheBudgetAndUpAgainAfterRestart() throws Exception {
        try (PrivatePostgres cluster = PrivatePostgres.start()) {
            HikariDataSource dataSource = pool(cluster.url("postgres"), "postgres", 2);
            DatabaseCheck check = check(dataSource);
            try (HealthEngine engine = HealthEngine.builder()
                    .register(DatabaseCheck.registration("db", check).build()).build()) {
                assertThat(engine.evaluate().status()).isEqualTo(Status.UP);

                cluster.stopServer();
                HealthReport down = engine.evaluate();
                CheckResult db = down.check("db").orElseThrow().result();
                assertThat(db.status()).isEqualTo(Status.DOWN);
                assertThat(db.diagnosis().orElseThrow().code())
                        .isIn("db.connection-refused", "db.server-shutting-down", "db.connection-lost");
                assertThat(down.duration()).isLessThan(engine.config().budget());
                assertThat(down.check("db").orElseThrow().result().diagnosis().orElseThrow().code())
                        .doesNotStartWith("pool.");

                cluster.startServer();
                List<Status> afterRestart = List.of(engine.evaluate().status(), engine.evaluate().status());
                assertThat(afterRestart).contains(Status.UP);
            }
        }
    }

    /** A DataSource with no pool behind it that refuses to lend: only the direct connector reaches the server. */
    static final class NoPoolDataSource extends AbstractDataSource {

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            throw new java.sql.SQLException("this test data source lends no connection");
        }
    }

    @Test
    void canaryPasswordNeverAppearsInAnyOutput() throws Exception {
        int port = PrivatePostgres.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/test?password=" + CANARY;
        try (HealthEngine engine = HealthEngine.builder()
                .register(DatabaseCheck.registration("db", DatabaseCheck.builder(new NoPoolDataSource(), time)
                        .directConnector(new DriverConnector(url, "postgres", CANARY, null, null,
                                Duration.ofSeconds(1)))
                        .build()).build())
                .build()) {
            HealthReport report = engine.evaluate();

            assertThat(HealthReportJson.toJson(report, true)).doesNotContain(CANARY).contains("db.connection-refused");
            assertThat(report.check("db").orElseThrow().result().toString()).doesNotContain(CANARY);
            assertThat(report.toString()).doesNotContain(CANARY);
        }
        assertThat(direct(SharedPostgres.URL, "postgres").toString()).doesNotContain(CANARY);
    }
}

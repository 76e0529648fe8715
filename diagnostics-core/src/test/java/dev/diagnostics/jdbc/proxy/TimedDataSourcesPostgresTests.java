package dev.diagnostics.jdbc.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.diagnostics.jdbc.SlowQueryLog;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.SystemTimeSource;
import dev.diagnostics.timing.LogCapture;
import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;
import dev.diagnostics.timing.TimingConfig;

/** Statement timing and the slow-query log through datasource-proxy, against the shared PostgreSQL (pg_sleep). */
class TimedDataSourcesPostgresTests {

    private static final String CANARY = "Canary-Pa55word-7f3e";

    private final SystemTimeSource time = new SystemTimeSource();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final TimingConfig config = TimingConfig.builder().slowQueryThreshold(Duration.ofMillis(150)).build();

    private final DataSource dataSource = TimedDataSources.wrap(postgres(), "orders-pool",
            new SlowQueryLog(this.config, this.registry, this.time), this.time);

    @AfterEach
    void unbind() {
        RequestTiming.restore(null);
        this.time.close();
    }

    private static PGSimpleDataSource postgres() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        postgres.setUser("postgres");
        postgres.setConnectTimeout(10);
        return postgres;
    }

    @Test
    void aSlowQueryIsLoggedOnceWithItsLiteralsMaskedAndCounted() throws SQLException {
        try (LogCapture logs = new LogCapture(); Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT pg_sleep(0.2), 'user:" + CANARY
                    + "' AS secret, 12345 AS card WHERE 1 IN (1, 2, 3)")) {
                assertThat(rows.next()).isTrue();
            }
            statement.executeQuery("SELECT 'fast " + CANARY + "'").close();
            assertThat(logs.lines("slow query")).hasSize(1);
            assertThat(logs.lines("slow query").get(0)).contains("pool=orders-pool", "rows=unknown",
                    "outcome=SUCCESS", "sql=\"SELECT pg_sleep(?), ? AS secret, ? AS card WHERE ? IN (?)\"");
            assertThat(logs.text()).doesNotContain(CANARY).doesNotContain("12345");
        }
        assertThat(this.registry.get(MeterNames.JDBC_SLOW_QUERIES).tag("pool", "orders-pool").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aSlowUpdateShowsItsRowCountAndAFailedOneItsOutcome() throws SQLException {
        try (LogCapture logs = new LogCapture(); Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE accounts (id int, password text)");
            statement.executeUpdate("INSERT INTO accounts VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            int updated = statement.executeUpdate("WITH pause AS (SELECT pg_sleep(0.2)) UPDATE accounts SET password = '"
                    + CANARY + "' FROM pause");
            assertThat(updated).isEqualTo(3);
            try {
                statement.execute("SELECT pg_sleep(0.2), 1 / (SELECT 0) AS \"" + "x\" FROM accounts WHERE password = '"
                        + CANARY + "'");
            }
            catch (SQLException expected) {
                // division by zero, after the sleep
            }
            assertThat(logs.lines("slow query")).hasSize(2);
            assertThat(logs.lines("slow query").get(0)).contains("rows=3", "outcome=SUCCESS",
                    "UPDATE accounts SET password = ? FROM pause");
            assertThat(logs.lines("slow query").get(1)).contains("outcome=ERROR");
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void statementsAreChargedToTheRequestOnTheirThread() throws SQLException {
        RequestTimer timer = new RequestTimer(TimingConfig.defaults(), null, this.time);
        RequestTiming timing = timer.begin();
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT pg_sleep(0.1)").close();
            statement.executeQuery("SELECT 1").close();
        }
        assertThat(timing.databaseCalls()).isEqualTo(2);
        assertThat(timing.databaseNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        timer.end(timing, "GET", "/x", 200, null);
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1").close();
        }
        assertThat(timing.databaseCalls()).isEqualTo(2);
    }

    @Test
    void theWrapperStillUnwrapsToThePoolAndIsNotWrappedTwice() throws SQLException {
        assertThat(this.dataSource.isWrapperFor(PGSimpleDataSource.class)).isTrue();
        assertThat(this.dataSource.unwrap(PGSimpleDataSource.class)).isInstanceOf(PGSimpleDataSource.class);
        assertThat(TimedDataSources.isTimed(this.dataSource)).isTrue();
        assertThat(TimedDataSources.wrap(this.dataSource, "again", (SlowQueryLog) null, this.time)).isSameAs(this.dataSource);
    }
}

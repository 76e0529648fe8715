package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * A pool of 2 whose connections are both held by threads sleeping in PostgreSQL, with a third thread waiting:
 * readiness goes DOWN because of {@code pool} (exhausted, naming both holders) while {@code db} stays UP through a
 * direct connection. The password is a canary that must appear in no response and no log line.
 */
class PoolExhaustionTest {

    private static final String CANARY = "Canary-quarkus-3a9c";

    private static final String SLOW_QUERY_TAG = "diag-quarkus-exhaustion-test";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LogText.class, LocalPostgres.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            // Roomier timeouts: the first look at pg_stat_activity can take over half a second on a busy test
            // machine. (Not much roomier: a probe within one budget of the previous one shares its round.)
            .overrideRuntimeConfigKey("quarkus.diagnostics.health.probe-timeout", "3s")
            .overrideRuntimeConfigKey("quarkus.diagnostics.health.budget", "2s")
            .overrideRuntimeConfigKey("quarkus.diagnostics.health.default-timeout", "2s")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideRuntimeConfigKey("quarkus.datasource.jdbc.url", LocalPostgres.URL)
            .overrideRuntimeConfigKey("quarkus.datasource.username", LocalPostgres.USER)
            .overrideRuntimeConfigKey("quarkus.datasource.password", CANARY)
            .overrideRuntimeConfigKey("quarkus.datasource.jdbc.max-size", "2")
            .overrideRuntimeConfigKey("quarkus.datasource.jdbc.acquisition-timeout", "30s")
            .setLogRecordPredicate((record) -> true)
            .assertLogRecords(PoolExhaustionTest::noPasswordLoggedAndExhaustionWarned);

    @Inject
    AgroalDataSource dataSource;

    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        // The waiting borrower first, so it does not get a freed connection and start another slow query.
        for (Thread thread : this.threads) {
            thread.interrupt();
        }
        LocalPostgres.cancelQueriesTagged(SLOW_QUERY_TAG);
        for (Thread thread : this.threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
        }
    }

    @Test
    void exhaustedPoolTakesReadinessDownWhileTheDatabaseIsReportedUp() throws Exception {
        CountDownLatch borrowed = new CountDownLatch(2);
        start("report-worker-1", borrowed);
        start("report-worker-2", borrowed);
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
        start("http-exec-7", new CountDownLatch(1));
        awaitWaitingThreads(1);

        Response ready = HealthResponses.await("/q/health/ready", "pool", (pool) -> "DOWN".equals(pool.get("status")));

        assertThat(ready.statusCode()).isEqualTo(503);
        Map<String, Object> pool = HealthResponses.data(ready, "pool");
        assertThat(HealthResponses.check(ready, "pool")).containsEntry("status", "DOWN");
        assertThat(pool).containsEntry("diagnosis.code", "pool.exhausted").containsEntry("details.active", 2)
                .containsEntry("details.max", 2).containsEntry("details.waiting", 1)
                .containsEntry("details.acquireTimeoutMs", 30_000);
        assertThat((String) pool.get("diagnosis.cause")).contains("2 of 2 connections are in use and 1 threads wait")
                .contains("slow queries");
        assertThat((String) pool.get("details.holders")).contains("\"thread\":\"report-worker-1\"")
                .contains("\"thread\":\"report-worker-2\"").doesNotContain("http-exec-7");
        Map<String, Object> db = HealthResponses.data(ready, "db");
        assertThat(HealthResponses.check(ready, "db")).containsEntry("status", "UP");
        assertThat(db).containsEntry("status", "UP").containsEntry("details.via", "direct connection");
        assertThat((String) db.get("details.poolNote")).contains("database is up");
        assertThat(ready.asString()).doesNotContain(CANARY);
        assertThat(this.dataSource.getMetrics().awaitingCount()).as("the checks did not queue on the pool")
                .isEqualTo(1);
    }

    private void start(String name, CountDownLatch borrowed) {
        Thread thread = new Thread(() -> {
            try (Connection connection = this.dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                borrowed.countDown();
                statement.execute("select pg_sleep(30) /* " + SLOW_QUERY_TAG + " */");
            }
            catch (SQLException ex) {
                // Cancelled or interrupted when the test ends.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        this.threads.add(thread);
    }

    private void awaitWaitingThreads(int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (this.dataSource.getMetrics().awaitingCount() < waiting) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + waiting + " threads waiting for a connection");
            }
            Thread.sleep(10);
        }
    }

    private static void noPasswordLoggedAndExhaustionWarned(List<LogRecord> records) {
        List<String> texts = records.stream().map(LogText::of).toList();
        assertThat(texts).anyMatch((text) -> text.contains("Connection pool 'pool' is exhausted")
                && text.contains("report-worker-1"));
        assertThat(texts).noneMatch((text) -> text.contains(CANARY));
    }
}

package dev.diagnostics.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.Status;
import dev.diagnostics.jdbc.DatabaseCheck;
import dev.diagnostics.jdbc.DriverConnector;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.pool.hikari.HikariPools;
import dev.diagnostics.testing.PrivatePostgres;
import dev.diagnostics.testing.SharedPostgres;
import dev.diagnostics.time.ManualTimeSource;
import dev.diagnostics.time.SystemTimeSource;

/**
 * The pool diagnostics on a real HikariCP pool against the real PostgreSQL. Holder ages run on a manual clock so
 * leak thresholds are crossed without sleeping; HikariCP and PostgreSQL run on real time.
 */
class PoolCheckPostgresTests {

    private static final String SLOW_QUERY_TAG = "diag-pool-test-slow-query";

    private final ManualTimeSource time = new ManualTimeSource();

    private final List<Thread> threads = new ArrayList<>();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void cleanUp() throws Exception {
        this.release.countDown();
        // Waiting borrowers first, so none of them gets a freed connection and starts another slow query.
        for (Thread thread : this.threads) {
            thread.interrupt();
        }
        SharedPostgres.execute("select pg_cancel_backend(pid) from pg_stat_activity where query like '%"
                + SLOW_QUERY_TAG + "%' and pid <> pg_backend_pid()");
        for (Thread thread : this.threads) {
            thread.join(10_000);
        }
        for (int i = this.closeables.size() - 1; i >= 0; i--) {
            this.closeables.get(i).close();
        }
    }

    private HikariDataSource hikari(String url, int size, long connectionTimeoutMillis) {
        // Configured through setters and started by the first borrow, the way Spring Boot creates its pool.
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(size);
        dataSource.setMinimumIdle(0);
        dataSource.setConnectionTimeout(connectionTimeoutMillis);
        dataSource.setInitializationFailTimeout(-1);
        dataSource.setPoolName("orders-pool");
        this.closeables.add(dataSource);
        return dataSource;
    }

    private Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        this.threads.add(thread);
        return thread;
    }

    /** Borrows a connection and runs pg_sleep in it until interrupted by cleanup (the query is cancelled). */
    private void slowQuery(HikariDataSource dataSource, CountDownLatch borrowed) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            borrowed.countDown();
            statement.setQueryTimeout(30);
            statement.execute("select pg_sleep(30) /* " + SLOW_QUERY_TAG + " */");
        }
        catch (SQLException ex) {
            // Cancelled at cleanup.
        }
    }

    private static void awaitIdle(PoolView view) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (view.active() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pool never became idle");
            }
            Thread.sleep(5);
        }
    }

    private static void awaitWaiting(PoolView view, int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (view.waiting() < waiting) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + waiting + " waiting threads");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void exhaustedPoolNamesBothHoldersAndTheDatabaseStaysUp() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 2, 30_000);
        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        PoolExhaustionDetector detector = new PoolExhaustionDetector(view, this.time, Duration.ofMillis(250)).start();
        this.closeables.add(detector);
        CountDownLatch borrowed = new CountDownLatch(2);
        start("report-worker-1", () -> slowQuery(dataSource, borrowed));
        start("report-worker-2", () -> slowQuery(dataSource, borrowed));
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
        start("http-exec-7", () -> slowQuery(dataSource, new CountDownLatch(1)));
        awaitWaiting(view, 1);
        this.time.advance(Duration.ofMillis(250));
        this.time.advance(Duration.ofSeconds(45));

        assertThat(detector.exhausted()).isTrue();
        assertThat(detector.episodes()).isEqualTo(1);
        CheckResult pool = new PoolCheck(view, detector, PoolCheckConfig.defaults(), this.time).check();
        CheckResult db = DatabaseCheck.builder(dataSource, new SystemTimeSource()).pool(view)
                .directConnector(new DriverConnector(SharedPostgres.URL, "postgres", null, null, null,
                        Duration.ofSeconds(1)))
                .build().check();

        assertThat(pool.status()).isEqualTo(Status.DOWN);
        assertThat(pool.diagnosis().orElseThrow().code()).isEqualTo("pool.exhausted");
        assertThat(pool.diagnosis().orElseThrow().cause()).contains("2 of 2 connections are in use and 1 threads wait")
                .contains("slow queries").contains("inside a JDBC call");
        assertThat(pool.details()).containsEntry("waiting", 1).containsEntry("waitingForMs", 45_000L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> holders = (List<Map<String, Object>>) pool.details().get("holders");
        assertThat(holders).extracting((holder) -> holder.get("thread"))
                .containsExactlyInAnyOrder("report-worker-1", "report-worker-2");
        assertThat(holders).allSatisfy((holder) -> {
            assertThat(holder.get("inJdbcCall")).isEqualTo(true);
            assertThat(holder.get("where").toString()).contains("PoolCheckPostgresTests.slowQuery");
        });
        assertThat(db.status()).isEqualTo(Status.UP);
        assertThat(db.details()).containsEntry("via", "direct connection");
        assertThat(db.details().get("poolNote").toString()).contains("database is up");
    }

    @Test
    void hundredConcurrentHealthCallsDuringExhaustionBorrowNothingFromThePool() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 2, 30_000);
        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        CountDownLatch borrowed = new CountDownLatch(2);
        start("report-worker-1", () -> slowQuery(dataSource, borrowed));
        start("report-worker-2", () -> slowQuery(dataSource, borrowed));
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
        start("http-exec-7", () -> slowQuery(dataSource, new CountDownLatch(1)));
        awaitWaiting(view, 1);
        CountingDataSource counting = new CountingDataSource(dataSource);
        DatabaseCheck db = DatabaseCheck.builder(counting, new SystemTimeSource()).pool(view)
                .directConnector(new DriverConnector(SharedPostgres.URL, "postgres", null, null, null,
                        Duration.ofSeconds(1)))
                .build();
        try (HealthEngine engine = HealthEngine.builder()
                .config(HealthEngineConfig.builder().threads(2).build())
                .register(DatabaseCheck.registration("db", db).build())
                .register(PoolCheck.registration("pool", new PoolCheck(view, null, PoolCheckConfig.defaults(),
                        this.time)).build())
                .build()) {
            List<Thread> callers = new ArrayList<>();
            List<CheckReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 100; i++) {
                Thread caller = new Thread(() -> reports.add(engine.evaluateCheck("db")));
                caller.start();
                callers.add(caller);
            }
            for (Thread caller : callers) {
                caller.join(10_000);
            }

            assertThat(reports).hasSize(100).allSatisfy((report) -> assertThat(report.status()).isEqualTo(Status.UP));
            assertThat(counting.borrows).hasValue(0);
            assertThat(view.waiting()).isEqualTo(1);
            assertThat(engine.evaluate().check("pool").orElseThrow().result().diagnosis().orElseThrow().code())
                    .isEqualTo("pool.exhausted");
        }
    }

    @Test
    void leakedConnectionIsSuspectedWithItsHolderAndWhereItSits() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 4, 30_000);
        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        CountDownLatch borrowed = new CountDownLatch(1);
        start("invoice-job", () -> LeakyInvoiceJob.run(dataSource, borrowed, this.release));
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
        PoolCheck check = new PoolCheck(view, null, PoolCheckConfig.builder().leakThreshold(Duration.ofSeconds(30))
                .build(), this.time);

        this.time.advance(Duration.ofSeconds(10));
        assertThat(check.check().status()).isEqualTo(Status.UP);
        this.time.advance(Duration.ofSeconds(21));
        CheckResult result = check.check();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("pool.leak-suspected");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("thread 'invoice-job' has held a connection for 31.0 s")
                .contains("LeakyInvoiceJob.run");
    }

    @Test
    void threadThatEndedWithoutReturningItsConnectionIsALeak() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 4, 30_000);
        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        Thread careless = start("careless-thread", () -> {
            try {
                dataSource.getConnection();
            }
            catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        });
        careless.join(10_000);
        this.time.advance(Duration.ofMinutes(2));

        CheckResult result = new PoolCheck(view, null, PoolCheckConfig.defaults(), this.time).check();

        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("pool.leak-suspected");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("'careless-thread'")
                .contains("ended without returning it");
    }

    @Test
    void connectionLeakedByAFinishedPoolTaskIsNamedAsSuch() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 4, 30_000);
        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        List<Thread> worker = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newSingleThreadExecutor(
                (runnable) -> {
                    Thread thread = new Thread(runnable, "order-worker-1");
                    worker.add(thread);
                    return thread;
                });
        this.closeables.add(workers::shutdownNow);
        workers.submit(() -> dataSource.getConnection()).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.get(0).getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        this.time.advance(Duration.ofMinutes(1));

        CheckResult result = new PoolCheck(view, null, PoolCheckConfig.defaults(), this.time).check();

        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("pool.leak-suspected");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("'order-worker-1'")
                .contains("idle thread-pool worker");
        assertThat(result.details().get("holders").toString()).contains("idleInThreadPool=true");
    }

    @Test
    void acquireTimeoutsAreCountedAndReportedAsExhaustion() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 1, 250);
        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        CountDownLatch borrowed = new CountDownLatch(1);
        start("report-worker-1", () -> slowQuery(dataSource, borrowed));
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
        try (Connection ignored = dataSource.getConnection()) {
            throw new AssertionError("the pool should have been exhausted");
        }
        catch (SQLException expected) {
            assertThat(expected.getMessage()).contains("request timed out");
        }

        CheckResult result = new PoolCheck(view, null, PoolCheckConfig.defaults(), this.time).check();

        assertThat(view.holders().acquireTimeouts()).isEqualTo(1);
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().cause()).contains("1 acquire timeouts so far");
        this.release.countDown();
        SharedPostgres.execute("select pg_cancel_backend(pid) from pg_stat_activity where query like '%"
                + SLOW_QUERY_TAG + "%' and pid <> pg_backend_pid()");
        awaitIdle(view);
        CheckResult afterBurst = new PoolCheck(view, null, PoolCheckConfig.defaults(), this.time).check();
        assertThat(afterBurst.status()).isEqualTo(Status.DOWN);
        assertThat(afterBurst.diagnosis().orElseThrow().cause()).contains("right now 0 of 1 connections are in use")
                .contains("in bursts");
        assertThat(afterBurst.diagnosis().orElseThrow().remedy()).doesNotContain("raise");
        CountDownLatch borrowedAgain = new CountDownLatch(1);
        start("report-worker-2", () -> slowQuery(dataSource, borrowedAgain));
        assertThat(borrowedAgain.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (view.holders().snapshot().stream().noneMatch(ConnectionHolder::inJdbcCall)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        this.time.advance(Duration.ofMinutes(2));
        CheckResult later = new PoolCheck(view, null, PoolCheckConfig.defaults(), this.time).check();
        assertThat(later.diagnosis().orElseThrow().code()).as(later.details().toString()).isEqualTo("pool.saturated");
    }

    @Test
    void databaseDownIsNotReportedAsExhaustion() throws Exception {
        try (PrivatePostgres cluster = PrivatePostgres.start()) {
            HikariDataSource dataSource = hikari(cluster.url("postgres"), 4, 5_000);
            PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
            PoolExhaustionDetector detector = new PoolExhaustionDetector(view, this.time, Duration.ofMillis(250));
            try (Connection warm = dataSource.getConnection()) {
                assertThat(warm.isValid(1)).isTrue();
            }
            cluster.stopServer();
            dataSource.getHikariPoolMXBean().softEvictConnections();
            start("http-exec-1", () -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.isValid(1);
                }
                catch (SQLException ex) {
                    // Expected: the database is down.
                }
            });
            awaitWaiting(view, 1);
            detector.tick();
            this.time.advance(Duration.ofSeconds(2));
            detector.tick();

            CheckResult result = new PoolCheck(view, detector, PoolCheckConfig.defaults(), this.time).check();

            assertThat(detector.exhausted()).isFalse();
            assertThat(result.status()).isEqualTo(Status.DEGRADED);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("pool.starved");
            assertThat(result.diagnosis().orElseThrow().remedy()).contains("'db' check");
            detector.close();
        }
    }

    @Test
    void composesWithMicrometersTrackerAndExposesPoolMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 2, 30_000);
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        new PoolMetrics(view, null, PoolCheckConfig.defaults()).bindTo(registry);

        try (Connection connection = dataSource.getConnection()) {
            this.time.advance(Duration.ofSeconds(3));
            assertThat(view.holders().snapshot()).singleElement()
                    .satisfies((holder) -> assertThat(holder.thread()).isEqualTo(Thread.currentThread().getName()));
            assertThat(registry.get(MeterNames.POOL_LONGEST_HOLD).tag("pool", "orders-pool").timeGauge()
                    .value(TimeUnit.SECONDS)).isEqualTo(3.0);
        }

        assertThat(view.holders().snapshot()).isEmpty();
        assertThat(registry.get("hikaricp.connections.acquire").timer().count()).isEqualTo(1);
        assertThat(registry.get(MeterNames.POOL_WAITING).tag("pool", "orders-pool").gauge().value()).isZero();
    }

    @Test
    void runningPoolWithAnotherTrackerIsReportedWithoutHolders() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL, 2, 30_000);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(new SimpleMeterRegistry()));

        PoolView view = HikariPools.attach(dataSource, "orders-pool", this.time);
        CheckResult result = new PoolCheck(view, null, PoolCheckConfig.defaults(), this.time).check();

        assertThat(view.holders()).isNull();
        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details().get("holders").toString()).contains("not tracked");
    }

    /** Borrows a connection and sits on it in application code, the way a leak looks. */
    static final class LeakyInvoiceJob {

        static void run(HikariDataSource dataSource, CountDownLatch borrowed, CountDownLatch release) {
            try {
                Connection connection = dataSource.getConnection();
                borrowed.countDown();
                release.await();
                connection.close();
            }
            catch (SQLException | InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts borrows, to prove health checks take nothing from an exhausted pool. */
    static final class CountingDataSource extends dev.diagnostics.jdbc.DelegatingTestDataSource {

        final AtomicInteger borrows = new AtomicInteger();

        CountingDataSource(javax.sql.DataSource delegate) {
            super(delegate);
        }

        @Override
        public Connection getConnection() throws SQLException {
            this.borrows.incrementAndGet();
            return super.getConnection();
        }
    }
}

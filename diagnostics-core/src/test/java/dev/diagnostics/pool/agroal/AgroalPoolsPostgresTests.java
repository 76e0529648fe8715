package dev.diagnostics.pool.agroal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalPoolInterceptor;
import io.agroal.api.configuration.supplier.AgroalConnectionPoolConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthReport;
import dev.diagnostics.Status;
import dev.diagnostics.jdbc.DataSourceDiagnostics;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.pool.ConnectionSettings;
import dev.diagnostics.pool.PoolCheck;
import dev.diagnostics.pool.PoolCheckConfig;
import dev.diagnostics.pool.PoolExhaustionDetector;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.testing.SharedPostgres;
import dev.diagnostics.time.ManualTimeSource;
import dev.diagnostics.time.SystemTimeSource;

/**
 * The pool diagnostics on a real Agroal pool against the real PostgreSQL. Holder ages run on a manual clock where a
 * test crosses a threshold; Agroal and PostgreSQL run on real time.
 */
class AgroalPoolsPostgresTests {

    private static final String SLOW_QUERY_TAG = "diag-agroal-test-slow-query";

    /** Trust authentication ignores the password, so it can be a canary that must never be shown. */
    private static final String CANARY = "Canary-agroal-7f3e";

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
            assertThat(thread.isAlive()).as("thread %s ended", thread.getName()).isFalse();
        }
        for (int i = this.closeables.size() - 1; i >= 0; i--) {
            this.closeables.get(i).close();
        }
    }

    /** An Agroal pool with metrics off, as {@code AgroalDataSource.from} creates it by default. */
    private AgroalDataSource agroal(int maxSize, UnaryOperator<AgroalConnectionPoolConfigurationSupplier> tuning)
            throws SQLException {
        AgroalDataSource dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration((pool) -> tuning.apply(pool
                        .maxSize(maxSize)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration((factory) -> factory
                                .jdbcUrl(SharedPostgres.URL)
                                .principal(new NamePrincipal(SharedPostgres.USER))
                                .credential(new SimplePassword(CANARY))
                                .jdbcProperty("ApplicationName", "agroal-tests")))));
        this.closeables.add(dataSource);
        return dataSource;
    }

    private AgroalDataSource agroal(int maxSize) throws SQLException {
        return agroal(maxSize, UnaryOperator.identity());
    }

    private Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        this.threads.add(thread);
        return thread;
    }

    /** Borrows a connection and runs pg_sleep in it until cleanup cancels the query. */
    private static void slowQuery(AgroalDataSource dataSource, CountDownLatch borrowed) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            borrowed.countDown();
            statement.setQueryTimeout(30);
            statement.execute("select pg_sleep(30) /* " + SLOW_QUERY_TAG + " */");
        }
        catch (SQLException ex) {
            // Cancelled or interrupted at cleanup.
        }
    }

    private static void awaitWaiting(PoolView view, int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (view.waiting() < waiting) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + waiting + " waiting threads; saw " + view.waiting());
            }
            Thread.sleep(5);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> holders(CheckResult result) {
        return (List<Map<String, Object>>) result.details().get("holders");
    }

    @Test
    void attachingEnablesMetricsSoCountersFollowTheBorrowers() throws Exception {
        AgroalDataSource dataSource = agroal(4);
        assertThat(dataSource.getConfiguration().metricsEnabled()).isFalse();

        PoolView view = AgroalPools.attach(dataSource, "orders-pool", this.time);

        assertThat(dataSource.getConfiguration().metricsEnabled()).isTrue();
        assertThat(view.name()).isEqualTo("orders-pool");
        assertThat(view.max()).isEqualTo(4);
        assertThat(view.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            assertThat(first.isValid(1) && second.isValid(1)).isTrue();
            assertThat(view.active()).isEqualTo(2);
            assertThat(view.total()).isEqualTo(2);
            assertThat(view.idle()).isZero();
            assertThat(view.waiting()).isZero();
        }
        assertThat(view.active()).isZero();
        assertThat(view.idle()).isEqualTo(2);
    }

    @Test
    void holdersAreTrackedWithTheirThreadsAndWhereTheyAre() throws Exception {
        AgroalDataSource dataSource = agroal(4);
        PoolView view = AgroalPools.attach(dataSource, "orders-pool", this.time);
        CountDownLatch borrowed = new CountDownLatch(1);
        start("invoice-job", () -> LeakyInvoiceJob.run(dataSource, borrowed, this.release));
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();

        try (Connection mine = dataSource.getConnection()) {
            this.time.advance(Duration.ofSeconds(3));
            assertThat(view.holders().snapshot()).extracting((holder) -> holder.thread())
                    .containsExactlyInAnyOrder("invoice-job", Thread.currentThread().getName());
            assertThat(view.holders().snapshot()).filteredOn((holder) -> holder.thread().equals("invoice-job"))
                    .singleElement().satisfies((holder) -> {
                        assertThat(holder.heldFor()).isEqualTo(Duration.ofSeconds(3));
                        assertThat(holder.inJdbcCall()).isFalse();
                        assertThat(holder.where().toString()).contains("LeakyInvoiceJob.run");
                    });
        }

        assertThat(view.holders().snapshot()).extracting((holder) -> holder.thread()).containsExactly("invoice-job");
        this.release.countDown();
        this.threads.get(0).join(10_000);
        assertThat(view.holders().snapshot()).isEmpty();
        assertThat(view.holders().untracked()).isZero();
    }

    @Test
    void nestedBorrowsOnOneThreadAreReleasedInnermostFirst() throws Exception {
        AgroalDataSource dataSource = agroal(4);
        PoolView view = AgroalPools.attach(dataSource, "orders-pool", this.time);

        try (Connection outer = dataSource.getConnection()) {
            this.time.advance(Duration.ofSeconds(10));
            try (Connection inner = dataSource.getConnection()) {
                assertThat(view.holders().snapshot()).hasSize(2);
            }
            assertThat(view.holders().snapshot()).singleElement()
                    .satisfies((holder) -> assertThat(holder.heldFor()).isEqualTo(Duration.ofSeconds(10)));
        }
        assertThat(view.holders().snapshot()).isEmpty();
    }

    @Test
    void exhaustedPoolNamesBothHoldersWhileTheDatabaseStaysUpThroughADirectConnection() throws Exception {
        AgroalDataSource dataSource = agroal(2);
        try (SystemTimeSource realTime = new SystemTimeSource();
                DataSourceDiagnostics diagnostics = DataSourceDiagnostics.builder(dataSource, realTime).build()) {
            PoolView view = diagnostics.pool().orElseThrow();
            CountDownLatch borrowed = new CountDownLatch(2);
            start("report-worker-1", () -> slowQuery(dataSource, borrowed));
            start("report-worker-2", () -> slowQuery(dataSource, borrowed));
            assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
            start("http-exec-7", () -> slowQuery(dataSource, new CountDownLatch(1)));
            awaitWaiting(view, 1);

            HealthReport report;
            try (HealthEngine engine = engine(diagnostics, realTime)) {
                report = engine.evaluate();
            }

            CheckResult pool = report.check("pool").orElseThrow().result();
            CheckResult db = report.check("db").orElseThrow().result();
            assertThat(pool.status()).isEqualTo(Status.DOWN);
            assertThat(pool.diagnosis().orElseThrow().code()).isEqualTo("pool.exhausted");
            assertThat(pool.diagnosis().orElseThrow().cause())
                    .contains("2 of 2 connections are in use and 1 threads wait").contains("slow queries");
            assertThat(pool.details()).containsEntry("pool", "pool").containsEntry("active", 2)
                    .containsEntry("max", 2).containsEntry("waiting", 1).containsEntry("acquireTimeoutMs", 30_000L);
            assertThat(holders(pool)).extracting((holder) -> holder.get("thread"))
                    .containsExactlyInAnyOrder("report-worker-1", "report-worker-2");
            assertThat(holders(pool)).allSatisfy((holder) -> {
                assertThat(holder.get("inJdbcCall")).isEqualTo(true);
                assertThat(holder.get("where").toString()).contains("AgroalPoolsPostgresTests.slowQuery");
            });
            assertThat(db.status()).isEqualTo(Status.UP);
            assertThat(db.details()).containsEntry("via", "direct connection");
            assertThat(db.details().get("poolNote").toString()).contains("database is up");
            assertThat(view.waiting()).as("the db check did not queue on the pool").isEqualTo(1);
            assertThat(HealthReportJson.toJson(report, true)).doesNotContain(CANARY);
        }
    }

    @Test
    void detectorSeesExhaustionWithinOneTick() throws Exception {
        AgroalDataSource dataSource = agroal(2);
        PoolView view = AgroalPools.attach(dataSource, "orders-pool", this.time);
        PoolExhaustionDetector detector = new PoolExhaustionDetector(view, this.time, Duration.ofMillis(250)).start();
        this.closeables.add(detector);
        CountDownLatch borrowed = new CountDownLatch(2);
        start("report-worker-1", () -> slowQuery(dataSource, borrowed));
        start("report-worker-2", () -> slowQuery(dataSource, borrowed));
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
        this.time.advance(Duration.ofMillis(250));
        assertThat(detector.exhausted()).isFalse();

        start("http-exec-7", () -> slowQuery(dataSource, new CountDownLatch(1)));
        awaitWaiting(view, 1);
        this.time.advance(Duration.ofMillis(250));

        assertThat(detector.exhausted()).isTrue();
        assertThat(detector.episodes()).isEqualTo(1);
        this.time.advance(Duration.ofSeconds(2));
        CheckResult result = new PoolCheck(view, detector, PoolCheckConfig.defaults(), this.time).check();
        assertThat(result.details()).containsEntry("waitingForMs", 2_000L)
                .as("Agroal cannot report acquire timeouts, so no count is shown rather than a false 0")
                .doesNotContainKey("acquireTimeouts");
    }

    @Test
    void connectionHeldPastTheThresholdOutsideJdbcIsASuspectedLeak() throws Exception {
        AgroalDataSource dataSource = agroal(4);
        PoolView view = AgroalPools.attach(dataSource, "orders-pool", this.time);
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
        assertThat(result.diagnosis().orElseThrow().cause())
                .contains("thread 'invoice-job' has held a connection for 31.0 s").contains("LeakyInvoiceJob.run");
    }

    @Test
    void applicationInterceptorsAreKeptAndStillCalled() throws Exception {
        AgroalDataSource dataSource = agroal(4);
        CountingInterceptor application = new CountingInterceptor();
        dataSource.setPoolInterceptors(List.of(application));

        PoolView view = AgroalPools.attach(dataSource, "orders-pool", this.time);
        PoolView again = AgroalPools.attach(dataSource, "orders-pool", this.time);

        assertThat(dataSource.getPoolInterceptors()).hasSize(2).first().isSameAs(application);
        assertThat(again.holders()).isSameAs(view.holders());
        try (Connection connection = dataSource.getConnection()) {
            assertThat(view.holders().snapshot()).hasSize(1);
        }
        assertThat(application.events).containsExactly("acquire", "return");
        assertThat(view.holders().snapshot()).isEmpty();
    }

    @Test
    void flushOnClosePoolIsReportedWithoutHolders() throws Exception {
        AgroalDataSource dataSource = agroal(2, (pool) -> pool.flushOnClose(true));

        PoolView view = AgroalPools.attach(dataSource, "orders-pool", this.time);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(view.active()).isEqualTo(1);
        }
        CheckResult result = new PoolCheck(view, null, PoolCheckConfig.defaults(), this.time).check();

        assertThat(view.holders()).isNull();
        assertThat(AgroalPools.interceptors(dataSource)).isEmpty();
        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details().get("holders").toString()).contains("not tracked");
    }

    @Test
    void connectionSettingsComeFromTheFactoryAndHideThePassword() throws Exception {
        AgroalDataSource dataSource = agroal(2);

        ConnectionSettings settings = new AgroalPoolAdapter().connectionSettings(dataSource);

        assertThat(settings.url()).isEqualTo(SharedPostgres.URL);
        assertThat(settings.user()).isEqualTo(SharedPostgres.USER);
        assertThat(settings.password()).isEqualTo(CANARY);
        assertThat(settings.properties()).containsEntry("ApplicationName", "agroal-tests")
                .doesNotContainKeys("user", "password");
        assertThat(settings.toString()).doesNotContain(CANARY);
    }

    @Test
    void dataSourceDiagnosticsFindsTheAgroalAdapterAndBindsPoolMeters() throws Exception {
        AgroalDataSource dataSource = agroal(3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SystemTimeSource realTime = new SystemTimeSource();
                DataSourceDiagnostics diagnostics = DataSourceDiagnostics.builder(dataSource, realTime).name("orders")
                        .build()) {
            diagnostics.meterBinders().forEach((binder) -> binder.bindTo(registry));

            assertThat(diagnostics.registrations()).extracting((registration) -> registration.name())
                    .containsExactly("db-orders", "pool-orders", "postgres-orders");
            try (HealthEngine engine = engine(diagnostics, realTime)) {
                HealthReport report = engine.evaluate();
                assertThat(report.checks().values()).extracting(CheckReport::status)
                        .containsOnly(Status.UP);
                assertThat(report.check("db-orders").orElseThrow().result().details()).containsEntry("via", "pool");
                assertThat(HealthReportJson.toJson(report, true)).doesNotContain(CANARY);
            }
            try (Connection held = dataSource.getConnection()) {
                assertThat(registry.get(MeterNames.POOL_LEAKS_SUSPECTED).tag("pool", "pool-orders").gauge().value())
                        .isZero();
                assertThat(diagnostics.pool().orElseThrow().holders().snapshot()).hasSize(1);
            }
            assertThat(registry.get(MeterNames.POOL_WAITING).tag("pool", "pool-orders").gauge().value()).isZero();
        }
    }

    @Test
    void otherDataSourcesAreNotAgroal() {
        org.h2.jdbcx.JdbcDataSource plain = new org.h2.jdbcx.JdbcDataSource();
        plain.setURL("jdbc:h2:mem:not-agroal");

        assertThat(new AgroalPoolAdapter().attach(plain, "pool", this.time)).isNull();
        assertThat(new AgroalPoolAdapter().connectionSettings(plain)).isNull();
    }

    /** Generous timeouts: the first look at pg_stat_activity can take half a second on a busy test machine. */
    private static HealthEngine engine(DataSourceDiagnostics diagnostics, SystemTimeSource time) {
        HealthEngine.Builder builder = HealthEngine.builder().timeSource(time)
                .config(HealthEngineConfig.builder().probeTimeout(Duration.ofSeconds(10)).budget(Duration.ofSeconds(8))
                        .defaultTimeout(Duration.ofSeconds(5)).build());
        diagnostics.registrations().forEach(builder::register);
        return builder.build();
    }

    /** Borrows a connection and sits on it in application code, the way a leak looks. */
    static final class LeakyInvoiceJob {

        static void run(AgroalDataSource dataSource, CountDownLatch borrowed, CountDownLatch release) {
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

    /** An application's own interceptor, which must keep working. */
    static final class CountingInterceptor implements AgroalPoolInterceptor {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onConnectionAcquire(Connection connection) {
            this.events.add("acquire");
        }

        @Override
        public void onConnectionReturn(Connection connection) {
            this.events.add("return");
        }
    }
}

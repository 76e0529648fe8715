package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.metrics.MeterNames;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalPoolInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Identifier;

/**
 * Agroal datasources against the machine's PostgreSQL: the default one gets {@code db}, {@code pool} and
 * {@code postgres}; named ones get suffixed checks that {@code quarkus.diagnostics.checks.*} can change; Quarkus's
 * own datasource check is replaced; passwords appear nowhere.
 */
class DataSourceChecksTest {

    /** Trust authentication ignores passwords, so they can be canaries that must never be shown. */
    private static final String CANARY = "Canary-quarkus-5d1b";

    private static final String URL_CANARY = "Canary-quarkus-url-8e2a";

    private static final String QUARKUS_CHECK = "Database connections health check";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LogText.class, LocalPostgres.class,
                    AuditInterceptor.class, TestMeterRegistry.class, ArchivePoolCheck.class))
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
            .overrideConfigKey("quarkus.datasource.orders.db-kind", "postgresql")
            .overrideRuntimeConfigKey("quarkus.datasource.orders.jdbc.url", LocalPostgres.URL)
            .overrideRuntimeConfigKey("quarkus.datasource.orders.username", LocalPostgres.USER)
            .overrideRuntimeConfigKey("quarkus.diagnostics.checks.postgres-orders.enabled", "false")
            // A datasource nothing listens for, with its password in the URL.
            .overrideConfigKey("quarkus.datasource.archive.db-kind", "postgresql")
            .overrideRuntimeConfigKey("quarkus.datasource.archive.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:1/archive?user=postgres&password=" + URL_CANARY)
            .overrideRuntimeConfigKey("quarkus.diagnostics.checks.db-archive.critical", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.checks.postgres-archive.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.log.category.\"dev.diagnostics\".level", "DEBUG")
            .setLogRecordPredicate((record) -> true)
            .assertLogRecords(DataSourceChecksTest::noPasswordLogged);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @DataSource("orders")
    AgroalDataSource orders;

    @Inject
    MeterRegistry meters;

    @Test
    void readinessHasEachDataSourcesChecksInsteadOfQuarkusOwn() {
        Response ready = HealthResponses.get("/q/health/ready", 200);

        assertThat(HealthResponses.names(ready)).containsExactlyInAnyOrder("db", "pool", "postgres", "db-orders",
                "pool-orders", "db-archive", "pool-archive", "memory", "diskSpace");
        for (String check : List.of("db", "pool", "postgres", "db-orders", "pool-orders", "pool-archive")) {
            assertThat(HealthResponses.data(ready, check)).as(check).containsEntry("status", "UP");
        }
        assertThat(HealthResponses.data(ready, "pool-archive")).as("the application's check of that name")
                .containsEntry("details.owner", "application");
        assertThat(HealthResponses.names(HealthResponses.get("/q/health", 200))).doesNotContain(QUARKUS_CHECK);
    }

    @Test
    void dbCheckReachesTheServerThroughThePool() {
        var db = HealthResponses.data(HealthResponses.get("/q/health/ready", 200), "db");

        assertThat(db).containsEntry("details.via", "pool").containsEntry("details.pool", "pool")
                .containsEntry("details.url", LocalPostgres.URL);
        assertThat((String) db.get("details.database")).startsWith("PostgreSQL ");
    }

    @Test
    void unreachableDataSourceIsClassifiedAndItsUrlShownWithoutThePassword() {
        var archive = HealthResponses.data(HealthResponses.get("/q/health/ready", 200), "db-archive");

        assertThat(archive).containsEntry("status", "DEGRADED").containsEntry("observedStatus", "DOWN")
                .containsEntry("diagnosis.code", "db.connection-refused");
        assertThat((String) archive.get("details.url")).contains("127.0.0.1:1/archive").doesNotContain(URL_CANARY);
    }

    @Test
    void noPasswordInAnyHealthResponse() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started")) {
            String body = HealthResponses.get(path, 200).asString();
            assertThat(body).as(path).doesNotContain(CANARY).doesNotContain(URL_CANARY);
        }
    }

    @Test
    void holdersAreTrackedBesideTheApplicationsInterceptor() throws Exception {
        assertThat(this.dataSource.getPoolInterceptors()).hasSize(2).first().isInstanceOf(AuditInterceptor.class);
        int audited = AuditInterceptor.ACQUIRED.get();
        String previousName = Thread.currentThread().getName();
        Thread.currentThread().setName("ledger-writer");
        try (Connection held = this.dataSource.getConnection()) {
            Response ready = HealthResponses.await("/q/health/ready", "pool",
                    (pool) -> String.valueOf(pool.get("details.holders")).contains("ledger-writer"));

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat((String) HealthResponses.data(ready, "pool").get("details.holders"))
                    .contains("{\"thread\":\"ledger-writer\"");
        }
        finally {
            Thread.currentThread().setName(previousName);
        }
        assertThat(AuditInterceptor.ACQUIRED.get()).isGreaterThan(audited);
        assertThat(this.dataSource.getConfiguration().metricsEnabled()).isTrue();
        assertThat(this.orders.getConfiguration().metricsEnabled()).isTrue();
    }

    @Test
    void engineAndDetectorsShareOneTimer() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        long timers;
        do {
            // A previous test application's timer may still be stopping.
            timers = Thread.getAllStackTraces().keySet().stream()
                    .filter((thread) -> thread.getName().equals("diagnostics-timer") && thread.isAlive()).count();
            if (timers <= 1) {
                break;
            }
            Thread.sleep(50);
        }
        while (System.nanoTime() < deadline);

        assertThat(timers).isEqualTo(1);
    }

    @Test
    void poolMetersAreBoundForEachDataSource() {
        assertThat(this.meters.find(MeterNames.POOL_WAITING).tag("pool", "pool").gauge()).isNotNull();
        assertThat(this.meters.find(MeterNames.POOL_WAITING).tag("pool", "pool-orders").gauge()).isNotNull();
        assertThat(this.meters.find(MeterNames.POOL_LONGEST_HOLD).tag("pool", "pool").timeGauge()).isNotNull();
    }

    private static void noPasswordLogged(List<LogRecord> records) {
        List<String> texts = records.stream().map(LogText::of).toList();
        // The capture works at the levels the checks log at: the metrics switch is logged at DEBUG, the refused
        // datasource at WARN.
        assertThat(texts).anyMatch((text) -> text.contains("Enabled Agroal metrics of pool 'pool-orders'"));
        assertThat(texts).anyMatch((text) -> text.contains("Health check 'db-archive' is DOWN"));
        assertThat(texts).noneMatch((text) -> text.contains(CANARY) || text.contains(URL_CANARY));
    }

    /** An application's own pool interceptor for the default datasource, which must keep working. */
    @ApplicationScoped
    public static class AuditInterceptor implements AgroalPoolInterceptor {

        static final AtomicInteger ACQUIRED = new AtomicInteger();

        @Override
        public void onConnectionAcquire(Connection connection) {
            ACQUIRED.incrementAndGet();
        }
    }

    /** The application's own check named like a datasource check takes its place. */
    @Readiness
    @Singleton
    @Identifier("pool-archive")
    public static class ArchivePoolCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.up().detail("owner", "application").build();
        }
    }

    @Singleton
    public static class TestMeterRegistry {

        @Produces
        @Singleton
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}

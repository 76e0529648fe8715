package dev.diagnostics.spring.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckReport;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.jdbc.PostgresCheckConfig;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.pool.PoolCheckConfig;
import dev.diagnostics.spring.actuate.CheckHealthIndicator;
import dev.diagnostics.time.ManualTimeSource;
import dev.diagnostics.time.SystemTimeSource;
import dev.diagnostics.time.TimeSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database diagnostics in Spring Boot's own light test runner, on H2 in memory (Spring Boot's embedded default)
 * and on the real PostgreSQL.
 */
class DataSourceDiagnosticsAutoConfigurationTests {

    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceHealthContributorAutoConfiguration.class, DiagnosticsAutoConfiguration.class,
                    DataSourceDiagnosticsAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
                    AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class))
            // A fresh context's first probe loads drivers and starts the pool; on a loaded CI machine that can take
            // longer than the production defaults (500 ms per check). These tests are about wiring, not timeouts.
            .withPropertyValues("diagnostics.health.probe-timeout=20s", "diagnostics.health.budget=15s",
                    "diagnostics.health.default-timeout=10s", "diagnostics.db.deadline=10s");

    private final ApplicationContextRunner postgres = this.runner.withPropertyValues(
            "spring.datasource.url=" + POSTGRES_URL, "spring.datasource.username=postgres");

    private final ApplicationContextRunner metrics = this.runner.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class));

    @Test
    void embeddedDatabaseGetsOurDbAndPoolChecksInReadiness() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            HealthEngine engine = context.getBean(HealthEngine.class);
            assertThat(names(engine)).containsExactly("deadlocks", "db", "pool");
            assertThat(registration(engine, "db").groups()).containsExactly(HealthGroups.READINESS);
            assertThat(registration(engine, "pool").groups()).containsExactly(HealthGroups.READINESS);
            CheckReport db = engine.evaluateCheck("db");
            assertThat(db.status()).isEqualTo(Status.UP);
            assertThat(db.result().details()).containsEntry("via", "pool");
            assertThat(db.result().details().get("database").toString()).startsWith("H2 ");
            assertThat(engine.evaluateCheck("pool").status()).isEqualTo(Status.UP);
        });
    }

    @Test
    void springBootsDbIndicatorIsReplacedByOursUnderTheSameName() {
        this.runner.run((context) -> {
            HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
            assertThat(registry.stream().map(HealthContributors.Entry::name).filter((name) -> name.startsWith("db")))
                    .containsExactly("db");
            HealthContributor db = registry.getContributor("db");
            assertThat(db).isInstanceOf(CheckHealthIndicator.class);
            Health health = ((HealthIndicator) db).health();
            assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
            assertThat(health.getDetails()).containsEntry("via", "pool");
            assertThat(context.getBeansOfType(DataSourceHealthIndicator.class)).isEmpty();
            assertThat(context.getBean("dbHealthContributor")).isInstanceOf(DatabaseDiagnostics.class);
            assertThat(registry.getContributor("pool")).isInstanceOf(CheckHealthIndicator.class);
        });
    }

    @Test
    void postgresDatabaseAlsoGetsThePostgresCheck() {
        this.postgres.run((context) -> {
            assertThat(context).hasNotFailed();
            HealthEngine engine = context.getBean(HealthEngine.class);
            assertThat(names(engine)).containsExactly("deadlocks", "db", "pool", "postgres");
            assertThat(registration(engine, "postgres").groups()).containsExactly(HealthGroups.READINESS);
            CheckReport db = engine.evaluateCheck("db");
            assertThat(db.status()).isEqualTo(Status.UP);
            assertThat(db.result().details().get("database").toString()).startsWith("PostgreSQL ");
            assertThat(db.result().details()).containsEntry("url", POSTGRES_URL);
            assertThat(engine.evaluateCheck("pool").status()).isEqualTo(Status.UP);
            CheckReport server = engine.evaluateCheck("postgres");
            assertThat(server.status()).as(server.result().toString()).isEqualTo(Status.UP);
        });
    }

    @Test
    void applicationsOwnDbHealthIndicatorIsKept() {
        HealthIndicator own = () -> Health.up().withDetail("mine", true).build();
        this.runner.withBean("dbHealthIndicator", HealthIndicator.class, () -> own).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("db")).isSameAs(own);
            assertThat(context).doesNotHaveBean(DatabaseDiagnostics.class);
            assertThat(context).doesNotHaveBean(HikariTrackingPostProcessor.class);
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
    }

    @Test
    void applicationsOwnDbHealthContributorIsKept() {
        HealthIndicator own = () -> Health.up().build();
        this.runner.withBean("dbHealthContributor", HealthContributor.class, () -> own).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("db")).isSameAs(own);
            assertThat(context).doesNotHaveBean(DatabaseDiagnostics.class);
        });
    }

    @Test
    void turnedOffKeepsSpringBootsOwnDbIndicatorAndLeavesThePoolAlone() {
        this.runner.withPropertyValues("diagnostics.db.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("db"))
                    .isInstanceOf(DataSourceHealthIndicator.class);
            assertThat(context).doesNotHaveBean(DatabaseDiagnostics.class);
            assertThat(context.getBean(HikariDataSource.class).getMetricsTrackerFactory()).isNull();
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
    }

    @Test
    void springBootsOwnSwitchForDbHealthTurnsOursOffToo() {
        this.runner.withPropertyValues("management.health.db.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("db")).isNull();
            assertThat(context).doesNotHaveBean(DatabaseDiagnostics.class);
            assertThat(context.getBean(HikariDataSource.class).getMetricsTrackerFactory()).isNull();
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
        this.runner.withPropertyValues("management.health.defaults.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DatabaseDiagnostics.class);
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("db")).isNull();
        });
    }

    @Test
    void engineTurnedOffKeepsSpringBootsOwnDbIndicator() {
        this.runner.withPropertyValues("diagnostics.health.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("db"))
                    .isInstanceOf(DataSourceHealthIndicator.class);
            assertThat(context).doesNotHaveBean(DatabaseDiagnostics.class);
        });
    }

    @Test
    void poolAndPostgresChecksCanBeTurnedOffSeparately() {
        this.postgres.withPropertyValues("diagnostics.pool.enabled=false", "diagnostics.postgres.enabled=false")
                .run((context) -> assertThat(names(context.getBean(HealthEngine.class)))
                        .containsExactly("deadlocks", "db"));
    }

    @Test
    void settingsReachTheChecksAndPerCheckOverridesApply() {
        this.postgres.withPropertyValues("diagnostics.postgres.interval=7s", "diagnostics.checks.db.timeout=300ms",
                "diagnostics.checks.pool.critical=false", "diagnostics.pool.holders-shown=0").run((context) -> {
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    assertThat(registration(engine, "postgres").cacheTtl()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(registration(engine, "db").timeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(registration(engine, "pool").critical()).isFalse();
                    HikariDataSource hikari = context.getBean(HikariDataSource.class);
                    try (Connection held = hikari.getConnection()) {
                        assertThat(held.isValid(1)).isTrue();
                        // A round of the pool check alone: db and postgres, run beside it, would borrow too.
                        CheckReport pool = engine.evaluateChecksAsync(List.of("pool")).join().check("pool")
                                .orElseThrow();
                        assertThat(pool.result().details()).containsEntry("active", 1)
                                .containsEntry("holders", List.of());
                    }
                });
    }

    @Test
    void propertyDefaultsAreTheCoreDefaults() {
        DiagnosticsProperties properties = new DiagnosticsProperties();
        PoolCheckConfig pool = PoolCheckConfig.defaults();
        PostgresCheckConfig postgres = PostgresCheckConfig.defaults();

        assertThat(properties.getDb().isEnabled()).isTrue();
        assertThat(properties.getDb().getDeadline()).isEqualTo(Duration.ofMillis(400));
        assertThat(properties.getPool().isEnabled()).isTrue();
        assertThat(properties.getPool().getLeakThreshold()).isEqualTo(pool.leakThreshold());
        assertThat(properties.getPool().getTimeoutWindow()).isEqualTo(pool.timeoutWindow());
        assertThat(properties.getPool().getSampleInterval()).isEqualTo(pool.sampleInterval());
        assertThat(properties.getPool().getHoldersShown()).isEqualTo(pool.holdersShown());
        assertThat(properties.getPostgres().isEnabled()).isTrue();
        assertThat(properties.getPostgres().getInterval()).isEqualTo(postgres.interval());
        assertThat(properties.getPostgres().getStatementTimeout()).isEqualTo(postgres.statementTimeout());
        assertThat(properties.getPostgres().getLongRunningQuery()).isEqualTo(postgres.longRunningQuery());
        assertThat(properties.getPostgres().getIdleInTransaction()).isEqualTo(postgres.idleInTransaction());
        assertThat(properties.getPostgres().getReplicaLag()).isEqualTo(postgres.replicaLag());
        assertThat(properties.getPostgres().getHeadroomWarning()).isEqualTo(postgres.headroomWarning());
        assertThat(properties.getPostgres().getExpectedInstances()).isEqualTo(postgres.expectedInstances());
        assertThat(properties.getPostgres().isShowQueryText()).isEqualTo(postgres.showQueryText());
        assertThat(properties.getPostgres().getQueryTextLength()).isEqualTo(postgres.queryTextLength());
    }

    @ParameterizedTest
    @CsvSource({ "diagnostics.db.deadline, 0ms", "diagnostics.pool.leak-threshold, 0s",
            "diagnostics.pool.timeout-window, -1s", "diagnostics.pool.sample-interval, 5s",
            "diagnostics.pool.holders-shown, -1", "diagnostics.postgres.interval, 0s",
            "diagnostics.postgres.statement-timeout, 0ms", "diagnostics.postgres.long-running-query, -5m",
            "diagnostics.postgres.idle-in-transaction, 0s", "diagnostics.postgres.replica-lag, 0s",
            "diagnostics.postgres.headroom-warning, 1.5", "diagnostics.postgres.expected-instances, 0",
            "diagnostics.postgres.query-text-length, 0" })
    void badValueFailsStartupNamingTheProperty(String property, String value) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("'" + property + "'");
            assertThat(((InvalidConfigurationException) root).property()).isEqualTo(property);
        });
    }

    @Test
    void withSeveralDataSourcesThePrimaryKeepsTheNamesAndTheOthersAreSuffixed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DiagnosticsAutoConfiguration.class,
                        DataSourceDiagnosticsAutoConfiguration.class))
                .withUserConfiguration(PrimaryAndOrdersDataSources.class)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    assertThat(names(engine)).containsExactly("deadlocks", "db", "pool", "db-orders", "pool-orders");
                    assertThat(engine.evaluateCheck("db-orders").result().details().get("url").toString())
                            .contains("orders");
                    assertThat(context.getBean(DatabaseDiagnostics.class).byBeanName())
                            .containsOnlyKeys("dataSource", "ordersDataSource");
                });
    }

    @Test
    void withSeveralDataSourcesAndNoPrimaryEveryOneIsSuffixed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DiagnosticsAutoConfiguration.class,
                        DataSourceDiagnosticsAutoConfiguration.class))
                .withUserConfiguration(TwoPeerDataSources.class)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks", "db-customers",
                            "pool-customers", "db-reporting", "pool-reporting");
                });
    }

    @Test
    void oneSystemTimeSourceIsCreatedAndClosedWithTheContext() {
        AtomicReference<SystemTimeSource> time = new AtomicReference<>();
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(TimeSource.class);
            time.set(context.getBean(SystemTimeSource.class));
        });
        assertThat(time.get()).isNotNull();
        org.assertj.core.api.Assertions
                .assertThatExceptionOfType(java.util.concurrent.RejectedExecutionException.class)
                .isThrownBy(() -> time.get().schedule(Duration.ofSeconds(1), () -> {
                }));
    }

    @Test
    void engineAndPoolHoldersShareTheApplicationsClockFromTheFirstBorrow() {
        ManualTimeSource clock = new ManualTimeSource();
        this.runner.withBean(ManualTimeSource.class, () -> clock)
                .withPropertyValues("diagnostics.pool.leak-threshold=30s")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SystemTimeSource.class);
                    HikariDataSource hikari = context.getBean(HikariDataSource.class);
                    assertThat(hikari.getHikariPoolMXBean()).as("pool started").isNull();
                    CountDownLatch borrowed = new CountDownLatch(1);
                    CountDownLatch release = new CountDownLatch(1);
                    Thread holder = hold(hikari, "invoice-job", borrowed, release);
                    try {
                        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
                        HealthEngine engine = context.getBean(HealthEngine.class);
                        clock.advance(Duration.ofSeconds(31));

                        CheckReport pool = engine.evaluateCheck("pool");

                        assertThat(pool.result().checkedAt()).isEqualTo(clock.now());
                        assertThat(pool.status()).isEqualTo(Status.DEGRADED);
                        assertThat(pool.result().diagnosis().orElseThrow().code()).isEqualTo("pool.leak-suspected");
                        assertThat(pool.result().diagnosis().orElseThrow().cause())
                                .contains("thread 'invoice-job' has held a connection for 31.0 s");
                    }
                    finally {
                        release.countDown();
                        holder.join(10_000);
                    }
                });
    }

    @Test
    void poolDetectorsStopWhenTheContextCloses() {
        ManualTimeSource clock = new ManualTimeSource();
        this.runner.withBean(ManualTimeSource.class, () -> clock)
                .run((context) -> assertThat(clock.pendingTasks()).as("detector tick scheduled").isEqualTo(1));
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void poolStartedBeforeMetersAreBoundKeepsSpringBootsHikariMetersAndOurHolders() {
        this.metrics.withBean(EarlyQuery.class).run((context) -> {
            assertThat(context).hasNotFailed();
            HikariDataSource hikari = context.getBean(HikariDataSource.class);
            assertThat(context.getBean(EarlyQuery.class).poolStartedDuringStartup).isTrue();
            assertHikariMetersAndHoldersBothWork(context, hikari);
        });
    }

    @Test
    void poolStartedAfterMetersAreBoundKeepsSpringBootsHikariMetersAndOurHolders() {
        this.metrics.run((context) -> {
            assertThat(context).hasNotFailed();
            HikariDataSource hikari = context.getBean(HikariDataSource.class);
            assertThat(hikari.getHikariPoolMXBean()).as("pool started").isNull();
            assertHikariMetersAndHoldersBothWork(context, hikari);
        });
    }

    @Test
    void withoutSpringBootsHikariMeterBinderNoHikariMetersAreAdded() {
        this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                        assertThat(connection.isValid(1)).isTrue();
                    }
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("hikaricp.connections.acquire").timer()).isNull();
                    assertThat(registry.find(MeterNames.POOL_WAITING).gauge()).isNotNull();
                });
    }

    private static void assertHikariMetersAndHoldersBothWork(AssertableApplicationContext context,
            HikariDataSource hikari) throws Exception {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        HealthEngine engine = context.getBean(HealthEngine.class);
        long acquiredBefore = acquires(registry);
        CountDownLatch borrowed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = hold(hikari, "metrics-holder", borrowed, release);
        try {
            assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
            CheckReport pool = engine.evaluateCheck("pool");
            assertThat(pool.result().details().get("holders")).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.list(Map.class))
                    .extracting((entry) -> entry.get("thread")).contains("metrics-holder");
            assertThat(registry.get("hikaricp.connections.active").gauge().value()).isGreaterThanOrEqualTo(1.0);
        }
        finally {
            release.countDown();
            holder.join(10_000);
        }
        assertThat(registry.find("hikaricp.connections.acquire").timer())
                .as("Spring Boot's hikaricp.connections.acquire timer").isNotNull();
        assertThat(acquires(registry)).isGreaterThan(acquiredBefore);
        assertThat(registry.get("hikaricp.connections.usage").timer().count()).isPositive();
        assertThat(registry.get("hikaricp.connections.max").gauge().value()).isEqualTo(hikari.getMaximumPoolSize());
        // The pool check's round also ran the db check, which may still be borrowing from the starting pool.
        assertThat(engine.evaluateCheck("db").status()).isEqualTo(dev.diagnostics.Status.UP);
        assertThat(registry.get(MeterNames.POOL_WAITING).gauge().value()).isZero();
        assertThat(registry.find(MeterNames.POOL_LONGEST_HOLD).timeGauge()).isNotNull();
    }

    /** HikariCP registers its meters when the pool starts: none before that. */
    private static long acquires(MeterRegistry registry) {
        io.micrometer.core.instrument.Timer timer = registry.find("hikaricp.connections.acquire").timer();
        return (timer != null) ? timer.count() : 0;
    }

    private static Thread hold(DataSource dataSource, String name, CountDownLatch borrowed, CountDownLatch release) {
        Thread thread = new Thread(() -> {
            try (Connection connection = dataSource.getConnection()) {
                borrowed.countDown();
                release.await();
            }
            catch (SQLException | InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static List<String> names(HealthEngine engine) {
        return engine.registrations().stream().map(CheckRegistration::name).toList();
    }

    private static CheckRegistration registration(HealthEngine engine, String name) {
        return engine.registrations().stream().filter((registration) -> registration.name().equals(name))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")

    private static HikariDataSource h2(String name) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    /** Uses the database while the context starts, as SQL initialization would, before meter binders run. */
    static class EarlyQuery {

        final boolean poolStartedDuringStartup;

        EarlyQuery(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            this.poolStartedDuringStartup = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean() != null;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryAndOrdersDataSources {

        @Bean(destroyMethod = "close")
        @Primary
        HikariDataSource dataSource() {
            return h2("main");
        }

        @Bean(destroyMethod = "close")
        HikariDataSource ordersDataSource() {
            return h2("orders");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoPeerDataSources {

        @Bean(destroyMethod = "close")
        HikariDataSource customersDataSource() {
            return h2("customers");
        }

        @Bean(destroyMethod = "close")
        HikariDataSource reporting() {
            return h2("reporting");
        }
    }
}

package dev.diagnostics.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.HealthReport;
import dev.diagnostics.Status;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.testing.SharedPostgres;
import dev.diagnostics.time.SystemTimeSource;

class DataSourceDiagnosticsTests {

    private static final String CANARY = "Canary-dsd-93c1";

    private static final Duration SLOW_MACHINE = Duration.ofSeconds(10);

    private final SystemTimeSource time = new SystemTimeSource();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = this.closeables.size() - 1; i >= 0; i--) {
            this.closeables.get(i).close();
        }
        this.time.close();
    }

    private HikariDataSource hikari(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setPassword(CANARY);
        dataSource.setMaximumPoolSize(3);
        dataSource.setPoolName("app-pool");
        this.closeables.add(dataSource);
        return dataSource;
    }

    private DataSourceDiagnostics diagnostics(DataSourceDiagnostics.Builder builder) {
        // These tests are about wiring: a loaded machine's first probe (driver loading, pool start) must not time out.
        DataSourceDiagnostics diagnostics = builder.deadline(SLOW_MACHINE).build();
        this.closeables.add(diagnostics);
        return diagnostics;
    }

    private static List<String> names(DataSourceDiagnostics diagnostics) {
        return diagnostics.registrations().stream().map(CheckRegistration::name).toList();
    }

    @Test
    void hikariOnPostgresGetsDbPoolAndPostgresChecksInReadiness() throws Exception {
        HikariDataSource dataSource = hikari(SharedPostgres.URL);
        DataSourceDiagnostics diagnostics = diagnostics(DataSourceDiagnostics.builder(dataSource, this.time));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        diagnostics.meterBinders().forEach((binder) -> binder.bindTo(registry));

        assertThat(names(diagnostics)).containsExactly("db", "pool", "postgres");
        assertThat(diagnostics.registrations()).allSatisfy((registration) -> {
            assertThat(registration.groups()).containsExactly(HealthGroups.READINESS);
            assertThat(registration.external()).isTrue();
        });
        try (HealthEngine engine = engine(diagnostics)) {
            HealthReport report = engine.evaluate(HealthGroups.READINESS);

            assertThat(report.checks()).containsOnlyKeys("db", "pool", "postgres");
            assertThat(report.status()).isEqualTo(Status.UP);
            String json = HealthReportJson.toJson(report, true);
            assertThat(json).contains("\"via\":\"pool\"").doesNotContain(CANARY);
        }
        try (Connection held = dataSource.getConnection()) {
            assertThat(diagnostics.pool().orElseThrow().holders().snapshot()).hasSize(1);
        }
        assertThat(registry.get(MeterNames.POOL_WAITING).tag("pool", "app-pool").gauge().value()).isZero();
    }

    @Test
    void hikariOnH2HasNoPostgresCheckAndAPlainDataSourceOnlyDb() throws SQLException {
        HikariDataSource h2Pool = hikari("jdbc:h2:mem:dsd;DB_CLOSE_DELAY=-1");
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:mem:plain;DB_CLOSE_DELAY=-1");

        DataSourceDiagnostics pooled = diagnostics(DataSourceDiagnostics.builder(h2Pool, this.time));
        DataSourceDiagnostics unpooled = diagnostics(DataSourceDiagnostics.builder(plain, this.time));

        assertThat(names(pooled)).containsExactly("db", "pool");
        assertThat(names(unpooled)).containsExactly("db");
        try (HealthEngine engine = engine(unpooled)) {
            assertThat(engine.evaluate().check("db").orElseThrow().result().details().get("database").toString())
                    .startsWith("H2 ");
        }
    }

    @Test
    void namedDataSourceSuffixesItsChecksAndFlagsTurnChecksOff() {
        HikariDataSource dataSource = hikari(SharedPostgres.URL);

        assertThat(names(diagnostics(DataSourceDiagnostics.builder(dataSource, this.time).name("orders"))))
                .containsExactly("db-orders", "pool-orders", "postgres-orders");
        HikariDataSource untouched = hikari(SharedPostgres.URL);
        DataSourceDiagnostics dbOnly = diagnostics(DataSourceDiagnostics.builder(untouched, this.time).name("orders2")
                .poolEnabled(false).postgresEnabled(false));
        assertThat(names(dbOnly)).containsExactly("db-orders2");
        assertThat(dbOnly.pool()).isEmpty();
        assertThat(untouched.getMetricsTrackerFactory()).as("pool left uninstrumented").isNull();
    }

    private HealthEngine engine(DataSourceDiagnostics diagnostics) {
        HealthEngine.Builder builder = HealthEngine.builder().timeSource(this.time)
                .config(HealthEngineConfig.builder().probeTimeout(SLOW_MACHINE.multipliedBy(3))
                        .budget(SLOW_MACHINE.multipliedBy(2)).defaultTimeout(SLOW_MACHINE).build());
        diagnostics.registrations().forEach(builder::register);
        return builder.build();
    }
}

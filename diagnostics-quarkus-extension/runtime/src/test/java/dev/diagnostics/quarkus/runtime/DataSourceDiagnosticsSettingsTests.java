package dev.diagnostics.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.jdbc.DataSourceDiagnostics;
import dev.diagnostics.jdbc.PostgresCheckConfig;
import dev.diagnostics.pool.PoolCheckConfig;
import dev.diagnostics.time.ManualTimeSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The {@code quarkus.diagnostics.db, pool, postgres} properties: core's defaults, and errors naming the property. */
class DataSourceDiagnosticsSettingsTests {

    private static DiagnosticsConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DiagnosticsConfig.class)
                // Quarkus's own converter, which reads "400ms" and "1m" as the application's properties do.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(DiagnosticsConfig.class);
    }

    @Test
    void defaultsAreTheCoreDefaults() {
        DiagnosticsConfig config = config(Map.of());
        PoolCheckConfig pool = DataSourceDiagnosticsSettings.poolConfig(config.pool());
        PoolCheckConfig corePool = PoolCheckConfig.defaults();
        PostgresCheckConfig postgres = DataSourceDiagnosticsSettings.postgresConfig(config.postgres());
        PostgresCheckConfig corePostgres = PostgresCheckConfig.defaults();

        assertThat(config.db().enabled()).isTrue();
        assertThat(config.db().deadline()).hasMillis(400);
        assertThat(config.pool().enabled()).isTrue();
        assertThat(pool.leakThreshold()).isEqualTo(corePool.leakThreshold());
        assertThat(pool.timeoutWindow()).isEqualTo(corePool.timeoutWindow());
        assertThat(pool.sampleInterval()).isEqualTo(corePool.sampleInterval());
        assertThat(pool.holdersShown()).isEqualTo(corePool.holdersShown());
        assertThat(config.postgres().enabled()).isTrue();
        assertThat(postgres.interval()).isEqualTo(corePostgres.interval());
        assertThat(postgres.statementTimeout()).isEqualTo(corePostgres.statementTimeout());
        assertThat(postgres.longRunningQuery()).isEqualTo(corePostgres.longRunningQuery());
        assertThat(postgres.idleInTransaction()).isEqualTo(corePostgres.idleInTransaction());
        assertThat(postgres.replicaLag()).isEqualTo(corePostgres.replicaLag());
        assertThat(postgres.headroomWarning()).isEqualTo(corePostgres.headroomWarning());
        assertThat(postgres.expectedInstances()).isEqualTo(corePostgres.expectedInstances());
        assertThat(postgres.showQueryText()).isEqualTo(corePostgres.showQueryText());
        assertThat(postgres.queryTextLength()).isEqualTo(corePostgres.queryTextLength());
    }

    @Test
    void propertiesReachTheCoreConfigs() {
        DiagnosticsConfig config = config(Map.of(
                "quarkus.diagnostics.pool.leak-threshold", "5s",
                "quarkus.diagnostics.pool.holders-shown", "3",
                "quarkus.diagnostics.postgres.long-running-query", "2m",
                "quarkus.diagnostics.postgres.expected-instances", "4",
                "quarkus.diagnostics.postgres.show-query-text", "true"));

        assertThat(DataSourceDiagnosticsSettings.poolConfig(config.pool()).leakThreshold()).hasSeconds(5);
        assertThat(DataSourceDiagnosticsSettings.poolConfig(config.pool()).holdersShown()).isEqualTo(3);
        assertThat(DataSourceDiagnosticsSettings.postgresConfig(config.postgres()).longRunningQuery()).hasMinutes(2);
        assertThat(DataSourceDiagnosticsSettings.postgresConfig(config.postgres()).expectedInstances()).isEqualTo(4);
        assertThat(DataSourceDiagnosticsSettings.postgresConfig(config.postgres()).showQueryText()).isTrue();
    }

    @Test
    void rejectedDeadlineNamesTheQuarkusProperty() {
        DiagnosticsConfig config = config(Map.of("quarkus.diagnostics.db.deadline", "0s"));
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });

        assertThatThrownBy(() -> DataSourceDiagnosticsSettings.apply(config,
                DataSourceDiagnostics.builder(dataSource, new ManualTimeSource())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.db.deadline'");
    }

    @Test
    void rejectedValuesNameTheQuarkusProperty() {
        DiagnosticsConfig config = config(Map.of(
                "quarkus.diagnostics.pool.holders-shown", "-1",
                "quarkus.diagnostics.postgres.headroom-warning", "1.5"));

        assertThatThrownBy(() -> DataSourceDiagnosticsSettings.poolConfig(config.pool()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.pool.holders-shown'");
        assertThatThrownBy(() -> DataSourceDiagnosticsSettings.postgresConfig(config.postgres()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.postgres.headroom-warning'");
    }
}

package dev.diagnostics.quarkus.runtime;

import dev.diagnostics.jdbc.DataSourceDiagnostics;
import dev.diagnostics.jdbc.PostgresCheckConfig;
import dev.diagnostics.pool.PoolCheckConfig;

/**
 * Turns {@code quarkus.diagnostics.db.*}, {@code pool.*} and {@code postgres.*} into the core builders' settings;
 * the builders reject a bad value naming the Quarkus property.
 */
public final class DataSourceDiagnosticsSettings {

    private DataSourceDiagnosticsSettings() {
    }

    /** Applies the configuration to a datasource's builder and returns it. */
    public static DataSourceDiagnostics.Builder apply(DiagnosticsConfig config, DataSourceDiagnostics.Builder builder) {
        return builder
                .propertyPrefix(DiagnosticsConfig.PREFIX)
                .deadline(config.db().deadline())
                .poolEnabled(config.pool().enabled())
                .poolConfig(poolConfig(config.pool()))
                .postgresEnabled(config.postgres().enabled())
                .postgresConfig(postgresConfig(config.postgres()));
    }

    static PoolCheckConfig poolConfig(DiagnosticsConfig.Pool pool) {
        return PoolCheckConfig.builder()
                .propertyPrefix(DiagnosticsConfig.POOL_PREFIX)
                .leakThreshold(pool.leakThreshold())
                .timeoutWindow(pool.timeoutWindow())
                .sampleInterval(pool.sampleInterval())
                .holdersShown(pool.holdersShown())
                .build();
    }

    static PostgresCheckConfig postgresConfig(DiagnosticsConfig.Postgres postgres) {
        return PostgresCheckConfig.builder()
                .propertyPrefix(DiagnosticsConfig.POSTGRES_PREFIX)
                .interval(postgres.interval())
                .statementTimeout(postgres.statementTimeout())
                .longRunningQuery(postgres.longRunningQuery())
                .idleInTransaction(postgres.idleInTransaction())
                .replicaLag(postgres.replicaLag())
                .headroomWarning(postgres.headroomWarning())
                .expectedInstances(postgres.expectedInstances())
                .showQueryText(postgres.showQueryText())
                .queryTextLength(postgres.queryTextLength())
                .build();
    }
}

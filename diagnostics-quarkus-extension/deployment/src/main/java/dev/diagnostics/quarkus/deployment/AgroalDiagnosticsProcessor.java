package dev.diagnostics.quarkus.deployment;

import dev.diagnostics.quarkus.runtime.DiagnosticsBuildTimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * Database diagnostics for Agroal datasources, only when quarkus-agroal is present (it is an optional dependency of
 * the runtime module). The runtime bean is named, not referenced, so this module never loads a class that refers to
 * Agroal in an application without it.
 */
class AgroalDiagnosticsProcessor {

    static final String AGROAL_CHECKS = "dev.diagnostics.quarkus.runtime.agroal.AgroalDataSourceChecks";

    /** quarkus-agroal's own readiness check, "Database connections health check". */
    static final String QUARKUS_DATASOURCE_HEALTH_CHECK = "io.quarkus.agroal.runtime.health.DataSourceHealthCheck";

    @BuildStep
    void agroalChecks(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.AGROAL)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(AGROAL_CHECKS).setUnremovable().build());
        }
    }

    /**
     * Leaves out Quarkus's datasource health check, which waits on an exhausted pool and then reports the database
     * DOWN; the {@code db} and {@code pool} checks replace it unless
     * {@code quarkus.diagnostics.db.replace-datasource-health-check=false}.
     */
    @BuildStep
    void replaceDatasourceHealthCheck(Capabilities capabilities, DiagnosticsBuildTimeConfig config,
            BuildProducer<ExcludedTypeBuildItem> excluded) {
        if (capabilities.isPresent(Capability.AGROAL) && config.db().replaceDatasourceHealthCheck()) {
            excluded.produce(new ExcludedTypeBuildItem(QUARKUS_DATASOURCE_HEALTH_CHECK));
        }
    }
}

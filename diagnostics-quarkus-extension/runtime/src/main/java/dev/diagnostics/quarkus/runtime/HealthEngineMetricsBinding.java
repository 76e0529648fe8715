package dev.diagnostics.quarkus.runtime;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.metrics.HealthEngineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Binds {@link HealthEngineMetrics} and the meters of the datasources ({@link DataSourceChecks}), of Redis
 * ({@link RedisChecks}), of the memory watch ({@link MemoryDiagnostics}), of the system checks ({@link SystemChecks})
 * and of the {@code jwt} check ({@link JwtChecks}) to the application's {@link MeterRegistry} bean when there is one
 * (for example when quarkus-micrometer is present); without one, does nothing.
 */
@Singleton
public class HealthEngineMetricsBinding {

    private static final Logger logger = Logger.getLogger(HealthEngineMetricsBinding.class);

    void bind(@Observes StartupEvent event, HealthEngine engine, Instance<MeterRegistry> registries,
            Instance<DataSourceChecks> dataSourceChecks, Instance<RedisChecks> redisChecks,
            Instance<MemoryDiagnostics> memoryDiagnostics,
            Instance<SystemChecks> systemChecks,
            Instance<JwtChecks> jwtChecks) {
        if (registries.isResolvable()) {
            MeterRegistry registry = registries.get();
            new HealthEngineMetrics(engine).bindTo(registry);
            for (DataSourceChecks checks : dataSourceChecks) {
                checks.meterBinders().forEach((binder) -> binder.bindTo(registry));
            }
            for (RedisChecks checks : redisChecks) {
                checks.meterBinders().forEach((binder) -> binder.bindTo(registry));
            }
            for (MemoryDiagnostics memory : memoryDiagnostics) {
                memory.meterBinders().forEach((binder) -> binder.bindTo(registry));
            }
            for (SystemChecks checks : systemChecks) {
                checks.meterBinders().forEach((binder) -> binder.bindTo(registry));
            }
            for (JwtChecks checks : jwtChecks) {
                checks.meterBinders().forEach((binder) -> binder.bindTo(registry));
            }
        }
        else if (registries.isAmbiguous()) {
            logger.warn("Several MeterRegistry beans and no default one: diagnostics check metrics are not bound");
        }
    }
}

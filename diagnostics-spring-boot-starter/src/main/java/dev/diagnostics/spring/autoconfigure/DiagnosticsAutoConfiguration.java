package dev.diagnostics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthListener;
import dev.diagnostics.metrics.HealthEngineMetrics;
import dev.diagnostics.spring.actuate.CheckGroupsPostProcessor;
import dev.diagnostics.spring.actuate.CheckHealthContributorRegistrar;
import dev.diagnostics.time.SystemTimeSource;
import dev.diagnostics.time.TimeSource;

/**
 * Runs the application's health checks through one {@link HealthEngine}: the built-in deadlock check, the database
 * checks of {@link DataSourceDiagnosticsAutoConfiguration}, every {@link HealthCheck} bean and every
 * {@link CheckRegistration} bean, configured by {@code diagnostics.*}. One {@link TimeSource} serves the engine and
 * every probe that records time, so they share a clock. With Actuator, each check is a component of the health
 * endpoint and a member of the health groups it belongs to; with Micrometer, the engine's meters are bound to the
 * application's registry. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {
        // Our groups post-processor must see the liveness and readiness groups that this one adds.
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(HealthEngine.class)
@ConditionalOnBooleanProperty(name = "diagnostics.health.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DiagnosticsProperties.class)
public final class DiagnosticsAutoConfiguration {

    private static final String HEALTH_PREFIX = "diagnostics.health";

    DiagnosticsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    HealthEngineConfig diagnosticsHealthEngineConfig(DiagnosticsProperties properties) {
        DiagnosticsProperties.Health health = properties.getHealth();
        HealthEngineConfig.Builder builder = HealthEngineConfig.builder()
                .propertyPrefix(HEALTH_PREFIX)
                .probeTimeout(health.getProbeTimeout())
                .budget(health.getBudget())
                .defaultTimeout(health.getDefaultTimeout())
                .defaultCacheTtl(health.getDefaultCacheTtl())
                .groups(health.getGroups());
        if (health.getThreads() != null) {
            builder.threads(health.getThreads());
        }
        return builder.build();
    }

    /** The clock and timer of the engine and of every probe; its one thread is named diagnostics-timer. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(TimeSource.class)
    SystemTimeSource diagnosticsTimeSource() {
        return new SystemTimeSource();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    HealthEngine healthEngine(HealthEngineConfig config, DiagnosticsProperties properties, TimeSource time,
            Map<String, HealthCheck> checks, ObjectProvider<CheckRegistration> registrations,
            ObjectProvider<DatabaseDiagnostics> databases, ObjectProvider<ContributorChecks> contributors,
            ObjectProvider<HealthListener> listeners) {
        HealthEngine.Builder engine = HealthEngine.builder().config(config).timeSource(time);
        List<CheckRegistration> registered = new ArrayList<>();
        databases.orderedStream().forEach((database) -> registered.addAll(database.registrations()));
        registered.addAll(registrations.orderedStream().toList());
        contributors.orderedStream().forEach((adopted) -> registered.addAll(adopted.registrations()));
        RegisteredChecks.collect(properties, checks, registered).forEach(engine::register);
        listeners.orderedStream().forEach(engine::listener);
        return engine.build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthContributorRegistry.class)
    static class HealthContributorConfiguration {

        @Bean
        @ConditionalOnMissingBean
        static CheckHealthContributorRegistrar checkHealthContributorRegistrar(ObjectProvider<HealthEngine> engine) {
            return new CheckHealthContributorRegistrar(engine::getIfAvailable);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ HealthEndpointGroupsPostProcessor.class, AdditionalPathsMapper.class })
    static class HealthEndpointGroupsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CheckGroupsPostProcessor checkGroupsPostProcessor(ObjectProvider<HealthEngine> engine) {
            return new CheckGroupsPostProcessor(engine::getObject);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        /** A {@code MeterBinder}: Spring Boot binds it to the application's meter registry. */
        @Bean
        @ConditionalOnMissingBean
        HealthEngineMetrics healthEngineMetrics(HealthEngine engine) {
            return new HealthEngineMetrics(engine);
        }
    }
}

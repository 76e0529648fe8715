package dev.diagnostics.quarkus.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.diagnostics.CheckOverrides;
import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.system.DeadlockCheck;
import dev.diagnostics.time.SystemTimeSource;
import dev.diagnostics.time.TimeSource;
import io.quarkus.arc.DefaultBean;

/**
 * Produces the application's one {@link HealthEngine}: the deadlock check, every {@link CheckRegistration} bean,
 * every {@link HealthCheck} bean (named by {@link CheckBeanNames}; a registration bean of the same name takes its
 * place), the datasources' checks ({@link DataSourceChecks}), the {@code redis} check ({@link RedisChecks}) and the
 * {@code jwt} check ({@link JwtChecks}), each
 * replaced by an application check of the same name, the MicroProfile Health checks it adopts
 * ({@link AdoptedSmallRyeChecks}), then the {@code quarkus.diagnostics.checks."<name>".*}
 * overrides. The engine is closed on shutdown.
 *
 * <p>Also produces the one {@link TimeSource} the engine, the datasource diagnostics and the {@code redis} check
 * share (a {@link SystemTimeSource}, closed on shutdown); an application bean of that type replaces it, for example a
 * {@code ManualTimeSource} in tests.
 */
@Singleton
public class HealthEngineProducer {

    @Inject
    DiagnosticsConfig config;

    @Inject
    @Any
    Instance<HealthCheck> checkBeans;

    @Inject
    @Any
    Instance<CheckRegistration> registrationBeans;

    @Inject
    Instance<DataSourceChecks> dataSourceChecks;

    @Inject
    Instance<RedisChecks> redisChecks;

    @Inject
    Instance<JwtChecks> jwtChecks;

    @Inject
    Instance<AdoptedSmallRyeChecks> adoptedChecks;

    @Inject
    Instance<MemoryDiagnostics> memoryDiagnostics;

    @Inject
    Instance<SystemChecks> systemChecks;

    @Produces
    @Singleton
    @DefaultBean
    TimeSource timeSource() {
        return new SystemTimeSource();
    }

    void close(@Disposes TimeSource time) {
        if (time instanceof SystemTimeSource system) {
            system.close();
        }
    }

    @Produces
    @Singleton
    HealthEngine healthEngine(TimeSource time) {
        HealthEngine.Builder engine = HealthEngine.builder().config(engineConfig(this.config.health()))
                .timeSource(time);
        Map<String, CheckOverrides> overrides = new LinkedHashMap<>();
        this.config.checks().forEach((key, check) -> overrides.put(key, overrides(check)));
        CheckOverrides.applyAll(registrations(), overrides, DiagnosticsConfig.CHECKS_PREFIX)
                .forEach(engine::register);
        return engine.build();
    }

    void close(@Disposes HealthEngine engine) {
        engine.close();
    }

    private List<CheckRegistration> registrations() {
        List<CheckRegistration> registrations = new ArrayList<>();
        Set<String> registered = new HashSet<>();
        for (CheckRegistration registration : this.registrationBeans) {
            registrations.add(registration);
            registered.add(registration.name());
        }
        if (this.config.deadlocks().enabled() && !registered.contains(DeadlockCheck.NAME)) {
            registrations.add(0, DeadlockCheck.registration().build());
        }
        Set<String> checkBeanNames = new HashSet<>();
        for (Instance.Handle<HealthCheck> handle : this.checkBeans.handles()) {
            String name = CheckBeanNames.nameOf(handle.getBean());
            checkBeanNames.add(name);
            if (!registered.contains(name)) {
                registrations.add(CheckRegistration.builder(name, handle.get())
                        .groups(CheckBeanNames.groupsOf(handle.getBean()))
                        .build());
            }
        }
        registered.addAll(checkBeanNames);
        for (DataSourceChecks checks : this.dataSourceChecks) {
            addUnlessNamed(registrations, registered, checks.registrations());
        }
        for (RedisChecks checks : this.redisChecks) {
            addUnlessNamed(registrations, registered, checks.registrations());
        }
        for (MemoryDiagnostics memory : this.memoryDiagnostics) {
            addUnlessNamed(registrations, registered, memory.registrations());
        }
        for (SystemChecks checks : this.systemChecks) {
            addUnlessNamed(registrations, registered, checks.registrations());
        }
        for (JwtChecks checks : this.jwtChecks) {
            addUnlessNamed(registrations, registered, checks.registrations());
        }
        // Last: the application's own MicroProfile checks are adopted under names no check above took.
        for (AdoptedSmallRyeChecks checks : this.adoptedChecks) {
            addUnlessNamed(registrations, registered, checks.registrations(registered));
        }
        return registrations;
    }

    private static void addUnlessNamed(List<CheckRegistration> registrations, Set<String> registered,
            List<CheckRegistration> contributed) {
        for (CheckRegistration registration : contributed) {
            if (registered.add(registration.name())) {
                registrations.add(registration);
            }
        }
    }

    static HealthEngineConfig engineConfig(DiagnosticsConfig.Health health) {
        HealthEngineConfig.Builder builder = HealthEngineConfig.builder()
                .propertyPrefix(DiagnosticsConfig.HEALTH_PREFIX)
                .probeTimeout(health.probeTimeout())
                .budget(health.budget())
                .defaultTimeout(health.defaultTimeout())
                .defaultCacheTtl(health.defaultCacheTtl());
        health.threads().ifPresent(builder::threads);
        health.groups().ifPresent(builder::groups);
        return builder.build();
    }

    static CheckOverrides overrides(DiagnosticsConfig.Check check) {
        if (check == null) {
            return CheckOverrides.NONE;
        }
        return new CheckOverrides(check.enabled().orElse(null), check.groups().orElse(null),
                check.critical().orElse(null), check.timeout().orElse(null), check.cacheTtl().orElse(null),
                check.failureThreshold().isPresent() ? check.failureThreshold().getAsInt() : null,
                check.successThreshold().isPresent() ? check.successThreshold().getAsInt() : null);
    }

}

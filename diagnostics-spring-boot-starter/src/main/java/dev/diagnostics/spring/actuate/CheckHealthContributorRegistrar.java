package dev.diagnostics.spring.actuate;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.foreign.ForeignCheck;

/**
 * Registers one {@link CheckHealthIndicator} per engine check (except the {@link ForeignCheck}s that run Actuator's
 * own contributors, see {@link AdoptedContributorsRegistrar}) in each {@link HealthContributorRegistry} as it is
 * created, under the check's name, so every check is a top-level component of {@code /actuator/health}.
 *
 * <p>Spring Boot builds its registry from {@code HealthContributor} beans, whose names are fixed when bean
 * definitions are read; the engine's checks are only known once their beans exist, so they are added to the registry
 * instead. That happens when the registry is created, before Actuator validates group members against it, so
 * {@code management.endpoint.health.group.*.include} may name our checks. The indicators are not beans: the registry
 * holds each check once, under the engine's name.
 */
public final class CheckHealthContributorRegistrar implements BeanPostProcessor {

    private final Supplier<HealthEngine> engine;

    /** @param engine supplies the engine, or {@code null} when there is none */
    public CheckHealthContributorRegistrar(Supplier<HealthEngine> engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof HealthContributorRegistry registry) {
            register(registry, beanName);
        }
        return bean;
    }

    private void register(HealthContributorRegistry registry, String registryBeanName) {
        HealthEngine engine = this.engine.get();
        if (engine == null) {
            return;
        }
        for (CheckRegistration registration : engine.registrations()) {
            if (registration.check() instanceof ForeignCheck) {
                // A contributor the engine adopted; AdoptedContributorsRegistrar shows it in its own place.
                continue;
            }
            String name = registration.name();
            try {
                registry.registerContributor(name, new CheckHealthIndicator(engine, name));
            }
            catch (IllegalStateException ex) {
                throw new IllegalStateException("Health check '" + name + "' cannot be shown in '" + registryBeanName
                        + "': " + ex.getMessage() + ". Rename one of the two, or turn ours off with"
                        + " diagnostics.checks." + name + ".enabled=false", ex);
            }
        }
    }
}

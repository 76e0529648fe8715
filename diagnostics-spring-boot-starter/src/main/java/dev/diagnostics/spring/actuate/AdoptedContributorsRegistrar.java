package dev.diagnostics.spring.actuate;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

import dev.diagnostics.HealthEngine;

/**
 * Puts engine-backed indicators in the place of the {@linkplain AdoptedContributors adopted contributors} in each
 * health registry as it is created: before Actuator validates its groups against the registry, and under the same
 * names, so group membership, show-details rules and the HTTP status mapping stay Actuator's.
 */
public final class AdoptedContributorsRegistrar implements BeanPostProcessor {

    private final Supplier<HealthEngine> engine;

    private final Supplier<AdoptedContributors> contributors;

    /**
     * @param engine supplies the engine, or {@code null} when there is none
     * @param contributors supplies the adopted contributors, or {@code null} when there are none
     */
    public AdoptedContributorsRegistrar(Supplier<HealthEngine> engine, Supplier<AdoptedContributors> contributors) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.contributors = Objects.requireNonNull(contributors, "contributors");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof HealthContributorRegistry registry) {
            AdoptedContributors adopted = this.contributors.get();
            HealthEngine engine = (adopted != null) ? this.engine.get() : null;
            if (engine != null) {
                adopted.replaceIn(registry, engine);
            }
        }
        else if (bean instanceof ReactiveHealthContributorRegistry registry) {
            AdoptedContributors adopted = this.contributors.get();
            HealthEngine engine = (adopted != null) ? this.engine.get() : null;
            if (engine != null) {
                adopted.replaceIn(registry, engine);
            }
        }
        return bean;
    }
}

package dev.diagnostics.quarkus.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.foreign.ForeignCheck;
import io.quarkus.arc.InjectableBean;
import io.smallrye.health.api.AsyncHealthCheck;

/**
 * The MicroProfile Health checks of the application and of other extensions (CDI beans implementing
 * {@link HealthCheck} or SmallRye's {@link AsyncHealthCheck}), adopted by the engine: each becomes an engine check
 * run by a {@link ForeignCheck}, named like our own check beans (the {@code @Identifier} or {@code @Named} value, else
 * the class's simple name without a trailing {@code HealthCheck} or {@code Check}, decapitalised), in the groups its
 * {@code @Liveness}, {@code @Readiness} and {@code @Startup} qualifiers say, and configurable by that name under
 * {@code quarkus.diagnostics.checks."<name>".*}.
 *
 * <p>SmallRye Health keeps collecting and calling these beans itself; their decorators
 * ({@link EngineHealthCheckDecorator}, {@link EngineAsyncHealthCheckDecorator}) answer each call from the engine, so
 * {@code /q/health*} keeps SmallRye's JSON and gains the engine's timeout, budget, single-flight and cache. Only
 * class beans are adopted (CDI does not decorate producer results), and not the names listed in
 * {@code quarkus.diagnostics.health.contributors.exclude}.
 */
@Singleton
public class AdoptedSmallRyeChecks {

    private static final Logger logger = Logger.getLogger(AdoptedSmallRyeChecks.class);

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Inject
    @Any
    Instance<AsyncHealthCheck> asyncChecks;

    @Inject
    DiagnosticsConfig config;

    private final Map<Bean<?>, String> names = new IdentityHashMap<>();

    private final Map<String, String> responseNames = new java.util.concurrent.ConcurrentHashMap<>();

    private List<CheckRegistration> registrations;

    /**
     * The engine checks of the adopted beans, leaving out those whose name is already taken by one of ours.
     *
     * @param taken names of the engine's other checks
     */
    public synchronized List<CheckRegistration> registrations(Set<String> taken) {
        if (this.registrations != null) {
            return this.registrations;
        }
        Set<String> excluded = new HashSet<>(this.config.health().contributors().exclude().orElse(List.of()));
        Set<String> used = new HashSet<>(taken);
        Map<Bean<?>, CheckRegistration> adopted = new LinkedHashMap<>();
        for (Instance.Handle<HealthCheck> handle : this.checks.handles()) {
            adopt(handle.getBean(), excluded, used, adopted, () -> {
                HealthCheckResponse response = EngineCall.run(() -> handle.get().call());
                return observe(response);
            });
        }
        for (Instance.Handle<AsyncHealthCheck> handle : this.asyncChecks.handles()) {
            adopt(handle.getBean(), excluded, used, adopted, () -> {
                HealthCheckResponse response = EngineCall.run(() -> handle.get().call().await().indefinitely());
                return observe(response);
            });
        }
        List<CheckRegistration> registrations = new ArrayList<>();
        adopted.forEach((bean, registration) -> {
            this.names.put(bean, registration.name());
            registrations.add(registration);
        });
        this.registrations = List.copyOf(registrations);
        return this.registrations;
    }

    private void adopt(Bean<?> bean, Set<String> excluded, Set<String> used, Map<Bean<?>, CheckRegistration> adopted,
            ForeignCheck.Probe probe) {
        if (!(bean instanceof InjectableBean<?> injectable) || injectable.getKind() != InjectableBean.Kind.CLASS
                || adopted.containsKey(bean)) {
            return;
        }
        String name = CheckBeanNames.nameOf(bean);
        if (excluded.contains(name)) {
            return;
        }
        if (!used.add(name)) {
            logger.warnf("Health check %s is left to SmallRye Health, not run by the diagnostics engine: the name '%s'"
                    + " is taken by another check; give it another with @Identifier", bean.getBeanClass().getName(),
                    name);
            return;
        }
        String description = "MicroProfile health check '" + name + "' (" + bean.getBeanClass().getSimpleName() + ")";
        try {
            adopted.put(bean, CheckRegistration.builder(name, ForeignCheck.of(description, probe))
                    .groups(CheckBeanNames.groupsOf(bean)).build());
        }
        catch (InvalidConfigurationException ex) {
            logger.warnf("Health check %s is left to SmallRye Health, not run by the diagnostics engine: %s",
                    bean.getBeanClass().getName(), ex.getMessage());
        }
    }

    private ForeignCheck.Observation observe(HealthCheckResponse response) {
        if (response == null) {
            return null;
        }
        Status status = (response.getStatus() == HealthCheckResponse.Status.UP) ? Status.UP : Status.DOWN;
        return new ForeignCheck.Observation(status, response.getStatus().name(), response);
    }

    /** The engine check that runs this bean, or {@code null} when the bean is not adopted. */
    synchronized String nameOf(Bean<?> bean) {
        return (this.registrations != null) ? this.names.get(bean) : null;
    }

    /** Remembers the name the check gives its responses, for the responses the engine makes in its place. */
    void responded(String check, String responseName) {
        this.responseNames.put(check, responseName);
    }

    String responseName(String check) {
        return this.responseNames.getOrDefault(check, check);
    }
}

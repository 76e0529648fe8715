package dev.diagnostics.quarkus.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.foreign.ForeignCheck;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.HealthType;
import io.smallrye.health.registry.HealthRegistries;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * At startup, builds the {@link HealthEngine} (so a bad setting fails startup, and the engine's warnings about
 * misplaced checks appear then, not on the first probe) and publishes every check to SmallRye Health's registries:
 *
 * <ul>
 * <li>liveness, readiness and startup go to the registries behind {@code /q/health/live}, {@code /q/health/ready}
 * and {@code /q/health/started};</li>
 * <li>a custom group goes to SmallRye's health group of the same name ({@code /q/health/group/<group>});</li>
 * <li>a check in none of the three built-in groups goes to the wellness registry, which {@code /q/health} includes
 * and no probe reads: such a check is reported, but never restarts the pod or takes it out of rotation.</li>
 * </ul>
 *
 * <p>SmallRye calls registry checks on the HTTP event loop, and an engine answer may take up to the budget, so each
 * check is registered as an {@link AsyncHealthCheck} that runs its {@link MicroProfileCheckAdapter} on the worker
 * pool.
 */
@Singleton
public class SmallRyeHealthRegistrar {

    private static final Logger logger = Logger.getLogger(SmallRyeHealthRegistrar.class);

    private final List<Runnable> removals = new ArrayList<>();

    @Inject
    HealthEngine engine;

    @Inject
    DiagnosticsConfig config;

    void publish(@Observes StartupEvent event) {
        List<CheckRegistration> registrations = this.engine.registrations();
        if (!this.config.health().enabled()) {
            logger.debugf("quarkus.diagnostics.health.enabled=false: %d checks not published", registrations.size());
            return;
        }
        for (CheckRegistration registration : registrations) {
            if (registration.check() instanceof ForeignCheck) {
                // A MicroProfile check the engine adopted: SmallRye calls it itself, through its decorator.
                continue;
            }
            MicroProfileCheckAdapter adapter = new MicroProfileCheckAdapter(this.engine, registration.name());
            AsyncHealthCheck offEventLoop = () -> Uni.createFrom().item(adapter::call)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .onFailure().recoverWithItem((failure) -> MicroProfileResponses.failed(adapter.name(), failure));
            for (HealthRegistry registry : registriesOf(registration.groups())) {
                registry.register(registration.name(), offEventLoop);
                this.removals.add(() -> registry.remove(registration.name()));
            }
        }
    }

    void withdraw(@Observes ShutdownEvent event) {
        for (Runnable removal : this.removals) {
            try {
                removal.run();
            }
            catch (RuntimeException ex) {
                logger.debug("Health check already removed from SmallRye Health", ex);
            }
        }
        this.removals.clear();
    }

    private static List<HealthRegistry> registriesOf(Set<String> groups) {
        List<HealthRegistry> registries = new ArrayList<>();
        boolean builtIn = false;
        for (String group : groups) {
            switch (group) {
                case HealthGroups.LIVENESS -> registries.add(HealthRegistries.getRegistry(HealthType.LIVENESS));
                case HealthGroups.READINESS -> registries.add(HealthRegistries.getRegistry(HealthType.READINESS));
                case HealthGroups.STARTUP -> registries.add(HealthRegistries.getRegistry(HealthType.STARTUP));
                default -> registries.add(HealthRegistries.getHealthGroupRegistry(group));
            }
            builtIn |= HealthGroups.BUILT_IN.contains(group);
        }
        if (!builtIn) {
            registries.add(HealthRegistries.getRegistry(HealthType.WELLNESS));
        }
        return registries;
    }
}

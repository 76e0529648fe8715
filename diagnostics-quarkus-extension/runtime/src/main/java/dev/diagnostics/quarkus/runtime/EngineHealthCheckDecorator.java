package dev.diagnostics.quarkus.runtime;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Decorated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.diagnostics.HealthEngine;

/**
 * Answers SmallRye's calls of an adopted MicroProfile {@link HealthCheck} from the engine (see
 * {@link AdoptedSmallRyeChecks}); the engine's own call, and calls of checks that are not adopted, go through to the
 * check. Blocks at most for the engine's budget, where the check itself could have blocked forever.
 */
@Decorator
@Priority(10)
public class EngineHealthCheckDecorator implements HealthCheck {

    @Inject
    @Delegate
    @Any
    HealthCheck delegate;

    @Inject
    @Decorated
    Bean<HealthCheck> decorated;

    @Inject
    AdoptedSmallRyeChecks adopted;

    @Inject
    HealthEngine engine;

    @Override
    public HealthCheckResponse call() {
        String name = EngineCall.active() ? null : this.adopted.nameOf(this.decorated);
        if (name == null) {
            return this.delegate.call();
        }
        return AdoptedResponses.of(this.engine.evaluateCheck(name), this.adopted);
    }
}

package dev.diagnostics.quarkus.runtime;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Decorated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.diagnostics.HealthEngine;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Answers SmallRye's calls of an adopted {@link AsyncHealthCheck} from the engine, without blocking; the engine
 * subscribes to the check on its own thread and cancels it at the check's timeout.
 */
@Decorator
@Priority(10)
public class EngineAsyncHealthCheckDecorator implements AsyncHealthCheck {

    @Inject
    @Delegate
    @Any
    AsyncHealthCheck delegate;

    @Inject
    @Decorated
    Bean<AsyncHealthCheck> decorated;

    @Inject
    AdoptedSmallRyeChecks adopted;

    @Inject
    HealthEngine engine;

    @Override
    public Uni<HealthCheckResponse> call() {
        String name = EngineCall.active() ? null : this.adopted.nameOf(this.decorated);
        if (name == null) {
            return this.delegate.call();
        }
        return Uni.createFrom().completionStage(() -> this.engine.evaluateCheckAsync(name))
                .map((report) -> AdoptedResponses.of(report, this.adopted));
    }
}

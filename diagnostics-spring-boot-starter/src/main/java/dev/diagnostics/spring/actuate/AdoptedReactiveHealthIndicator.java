package dev.diagnostics.spring.actuate;

import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import dev.diagnostics.HealthEngine;

/**
 * Takes the place of an application's {@link ReactiveHealthIndicator} in Actuator's reactive registry. The engine
 * subscribes to the original on its own thread with the check's timeout (cancelling it then); this indicator waits
 * for the engine without blocking. Shows what {@link AdoptedHealth} describes.
 */
public final class AdoptedReactiveHealthIndicator implements ReactiveHealthIndicator {

    private final HealthEngine engine;

    private final String name;

    public AdoptedReactiveHealthIndicator(HealthEngine engine, String name) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The engine check that runs the original indicator. */
    public String checkName() {
        return this.name;
    }

    @Override
    public Mono<Health> health(boolean includeDetails) {
        return Mono.fromFuture(() -> this.engine.evaluateCheckAsync(this.name))
                .map((report) -> AdoptedHealth.of(report, includeDetails));
    }

    @Override
    public Mono<Health> health() {
        return health(true);
    }

    @Override
    public String toString() {
        return "AdoptedReactiveHealthIndicator[" + this.name + "]";
    }
}

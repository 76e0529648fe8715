package dev.diagnostics.spring.actuate;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.diagnostics.HealthEngine;

/**
 * Takes the place of an application's {@link HealthIndicator} in Actuator's registry: each call asks the engine,
 * which runs the original indicator on its own threads with its timeout, within the response's budget, shared with
 * concurrent callers and cached within its TTL. Shows what {@link AdoptedHealth} describes.
 */
public final class AdoptedHealthIndicator implements HealthIndicator {

    private final HealthEngine engine;

    private final String name;

    public AdoptedHealthIndicator(HealthEngine engine, String name) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The engine check that runs the original indicator. */
    public String checkName() {
        return this.name;
    }

    @Override
    public Health health(boolean includeDetails) {
        return AdoptedHealth.of(this.engine.evaluateCheck(this.name), includeDetails);
    }

    @Override
    public Health health() {
        return health(true);
    }

    @Override
    public String toString() {
        return "AdoptedHealthIndicator[" + this.name + "]";
    }
}

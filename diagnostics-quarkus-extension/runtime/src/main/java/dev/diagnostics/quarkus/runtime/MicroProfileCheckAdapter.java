package dev.diagnostics.quarkus.runtime;

import java.util.Objects;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.diagnostics.HealthEngine;

/**
 * One of our checks as a MicroProfile {@link HealthCheck} of the same name. Each call asks the engine for the
 * check's result, which starts (or joins) one parallel round of every check sharing a group with it, so SmallRye
 * Health calling N adapters costs one budget, not N. Blocks at most for the engine's budget.
 */
final class MicroProfileCheckAdapter implements HealthCheck {

    private final HealthEngine engine;

    private final String name;

    MicroProfileCheckAdapter(HealthEngine engine, String name) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.name = Objects.requireNonNull(name, "name");
    }

    String name() {
        return this.name;
    }

    @Override
    public HealthCheckResponse call() {
        return MicroProfileResponses.of(this.engine.evaluateCheck(this.name));
    }
}

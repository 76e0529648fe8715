package dev.diagnostics.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.diagnostics.CheckReport;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.json.HealthReportJson;

/**
 * One engine check as an Actuator component. Each call asks the engine, so the check gets the engine's timeout,
 * budget, cache and hysteresis; Actuator calls components one after another, and the engine answers them from one
 * parallel round per group.
 *
 * <p>Status: UP, DOWN and UNKNOWN keep their meaning; DEGRADED, and DOWN of a non-critical check, become
 * {@link #DEGRADED}, so a non-critical failure degrades the whole without taking it down. Details are the check's
 * own details, where Actuator users expect them, beside the engine's {@code durationMs}, {@code checkedAt},
 * {@code diagnosis}, {@code error}, {@code critical: false} for a non-critical check, and {@code observedStatus}
 * when the status shown differs from what the check's last run returned. Actuator shows details only where
 * {@code management.endpoint.health.show-details} allows.
 */
public final class CheckHealthIndicator implements HealthIndicator {

    /** The status of a check that works but needs attention; ranked between DOWN and UP, answered with HTTP 200. */
    public static final Status DEGRADED = new Status("DEGRADED");

    private final HealthEngine engine;

    private final String name;

    public CheckHealthIndicator(HealthEngine engine, String name) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The engine check this indicator shows. */
    public String checkName() {
        return this.name;
    }

    @Override
    public Health health() {
        return health(this.engine.evaluateCheck(this.name), true);
    }

    @Override
    public Health health(boolean includeDetails) {
        return health(this.engine.evaluateCheck(this.name), includeDetails);
    }

    static Health health(CheckReport report, boolean includeDetails) {
        Status status = status(report.contribution());
        if (!includeDetails) {
            return Health.status(status).build();
        }
        Map<String, Object> component = HealthReportJson.component(report, true);
        component.remove("status");
        // The check's own details sit where Actuator users look for them (components.db.details.database); the
        // engine's entries (durationMs, diagnosis, ...) beside them win if a check uses the same key.
        Map<String, Object> details = new LinkedHashMap<>();
        Object own = component.remove("details");
        if (own instanceof Map<?, ?> ownDetails) {
            ownDetails.forEach((key, value) -> details.put(String.valueOf(key), value));
        }
        details.putAll(component);
        if (!status.getCode().equals(report.observedStatus().name())) {
            details.put("observedStatus", report.observedStatus().name());
        }
        return Health.status(status).withDetails(details).build();
    }

    static Status status(dev.diagnostics.Status status) {
        return switch (status) {
            case UP -> Status.UP;
            case DEGRADED -> DEGRADED;
            case DOWN -> Status.DOWN;
            case UNKNOWN -> Status.UNKNOWN;
        };
    }

    @Override
    public String toString() {
        return "CheckHealthIndicator[" + this.name + "]";
    }
}

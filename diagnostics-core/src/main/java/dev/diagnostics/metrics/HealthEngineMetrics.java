package dev.diagnostics.metrics;

import java.util.Objects;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckReport;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthListener;
import dev.diagnostics.Status;
import dev.diagnostics.StatusTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Exposes each check's reported status ({@value MeterNames#CHECK_STATUS}), run duration
 * ({@value MeterNames#CHECK_DURATION}) and status transitions ({@value MeterNames#CHECK_TRANSITIONS}). Tags hold
 * only check names and statuses, so cardinality is bounded by the number of registered checks.
 */
public final class HealthEngineMetrics implements MeterBinder {

    private final HealthEngine engine;

    public HealthEngineMetrics(HealthEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CheckRegistration registration : this.engine.registrations()) {
            String name = registration.name();
            for (Status status : Status.values()) {
                Gauge.builder(MeterNames.CHECK_STATUS, this.engine, (engine) -> isReported(engine, name, status))
                        .tags("check", name, "status", status.name())
                        .description("1 when the check's reported status is this one, 0 otherwise")
                        .register(registry);
            }
        }
        this.engine.addListener(new HealthListener() {

            @Override
            public void onCheckCompleted(CheckReport report) {
                Timer.builder(MeterNames.CHECK_DURATION)
                        .tags("check", report.name(), "status", report.observedStatus().name())
                        .description("How long each run of a health check took")
                        .register(registry)
                        .record(report.result().duration());
            }

            @Override
            public void onTransition(StatusTransition transition) {
                Counter.builder(MeterNames.CHECK_TRANSITIONS)
                        .tags("check", transition.check(), "from", transition.from().name(), "to",
                                transition.to().name())
                        .description("Reported status changes of a health check")
                        .register(registry)
                        .increment();
            }
        });
    }

    private static double isReported(HealthEngine engine, String name, Status status) {
        Status current = engine.lastReport(name).map(CheckReport::status).orElse(Status.UNKNOWN);
        return (current == status) ? 1 : 0;
    }
}

package dev.diagnostics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.Status;
import dev.diagnostics.time.ManualTimeSource;

class HealthEngineMetricsTests {

    @Test
    void exposesStatusDurationAndTransitionsPerCheck() {
        AtomicReference<Status> next = new AtomicReference<>(Status.UP);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HealthEngine engine = HealthEngine.builder().timeSource(new ManualTimeSource())
                .register("db", () -> CheckResult.status(next.get()).build()).build()) {
            new HealthEngineMetrics(engine).bindTo(registry);

            assertThat(registry.get(MeterNames.CHECK_STATUS).tags("check", "db", "status", "UNKNOWN").gauge().value())
                    .isEqualTo(1.0);
            engine.evaluate();
            next.set(Status.DOWN);
            engine.evaluate();
            engine.evaluate();

            assertThat(registry.get(MeterNames.CHECK_STATUS).tags("check", "db", "status", "DOWN").gauge().value())
                    .isEqualTo(1.0);
            assertThat(registry.get(MeterNames.CHECK_STATUS).tags("check", "db", "status", "UP").gauge().value())
                    .isEqualTo(0.0);
            assertThat(registry.get(MeterNames.CHECK_DURATION).tags("check", "db", "status", "DOWN").timer().count())
                    .isEqualTo(2);
            assertThat(registry.get(MeterNames.CHECK_TRANSITIONS).tags("check", "db", "from", "UP", "to", "DOWN")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get(MeterNames.CHECK_TRANSITIONS).tags("check", "db", "from", "UNKNOWN", "to", "UP")
                    .counter().count()).isEqualTo(1.0);
        }
    }
}

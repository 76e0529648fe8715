package dev.diagnostics.spring.actuate;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;

import static org.assertj.core.api.Assertions.assertThat;

class CheckHealthIndicatorTests {

    private final HealthEngine engine = HealthEngine.builder()
            .register("up", () -> CheckResult.up().detail("rows", 3).build())
            .register("down", () -> CheckResult.down()
                    .diagnosis("db.refused", "Connection refused by db:5432", "Start the database")
                    .error("connection refused")
                    .build())
            .register(CheckRegistration.builder("optional", () -> CheckResult.down().build()).critical(false).build())
            .register("degraded", () -> CheckResult.degraded().build())
            .register("unknown", () -> CheckResult.unknown().build())
            .build();

    @AfterEach
    void closeEngine() {
        this.engine.close();
    }

    @Test
    void upStaysUpWithTheChecksDetailsBesideTheEnginesTiming() {
        Health health = indicator("up").health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKeys("status", "observedStatus", "critical", "details")
                .containsKeys("durationMs", "checkedAt")
                .containsEntry("rows", 3);
    }

    @Test
    void criticalDownIsDownWithItsDiagnosisAndError() {
        Health health = indicator("down").health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).doesNotContainKey("observedStatus")
                .containsEntry("diagnosis", Map.of("code", "db.refused", "cause", "Connection refused by db:5432",
                        "remedy", "Start the database"))
                .containsEntry("error", "connection refused");
    }

    @Test
    void nonCriticalDownIsDegradedShowingWhatWasObserved() {
        Health health = indicator("optional").health();

        assertThat(health.getStatus()).isEqualTo(CheckHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("observedStatus", "DOWN").containsEntry("critical", false);
    }

    @Test
    void degradedAndUnknownKeepTheirMeaning() {
        assertThat(indicator("degraded").health().getStatus()).isEqualTo(new Status("DEGRADED"));
        assertThat(indicator("unknown").health().getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void withoutDetailsOnlyTheStatusIsShown() {
        Health health = indicator("down").health(false);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).isEmpty();
    }

    private CheckHealthIndicator indicator(String name) {
        return new CheckHealthIndicator(this.engine, name);
    }
}

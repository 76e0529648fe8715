package dev.diagnostics.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.Status;

class MicroProfileResponsesTests {

    private static final Instant CHECKED_AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void upCheckIsUpWithItsTimingAndDetails() {
        CheckResult result = timed(CheckResult.up().detail("connections", 7).detail("ratio", 0.25).build());

        HealthCheckResponse response = MicroProfileResponses.of(report("db", result, true, Status.UP));

        assertThat(response.getName()).isEqualTo("db");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsExactly(Map.entry("status", "UP"), Map.entry("durationMs", "12.345"),
                Map.entry("checkedAt", "2026-01-02T03:04:05Z"), Map.entry("details.connections", 7L),
                Map.entry("details.ratio", "0.25"));
    }

    @Test
    void criticalDownIsDownWithItsDiagnosisAndError() {
        CheckResult result = timed(CheckResult.down()
                .diagnosis("db.refused", "Connection refused by db:5432", "Start the database")
                .error(new java.net.ConnectException("Connection refused"))
                .build());

        HealthCheckResponse response = MicroProfileResponses.of(report("db", result, true, Status.DOWN));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("status", "DOWN")
                .containsEntry("diagnosis.code", "db.refused")
                .containsEntry("diagnosis.cause", "Connection refused by db:5432")
                .containsEntry("diagnosis.remedy", "Start the database")
                .containsEntry("error", "ConnectException: Connection refused")
                .doesNotContainKeys("critical", "observedStatus");
    }

    @Test
    void nonCriticalDownIsUpAndSaysDegraded() {
        CheckResult result = timed(CheckResult.down().diagnosis("cache.down", "Redis is down", "Start it").build());

        HealthCheckResponse response = MicroProfileResponses.of(report("cache", result, false, Status.DOWN));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("status", "DEGRADED")
                .containsEntry("observedStatus", "DOWN")
                .containsEntry("critical", false)
                .containsEntry("diagnosis.code", "cache.down");
    }

    @Test
    void degradedAndUnknownAreUp() {
        HealthCheckResponse degraded = MicroProfileResponses
                .of(report("disk", timed(CheckResult.degraded().build()), true, Status.DEGRADED));
        HealthCheckResponse unknown = MicroProfileResponses
                .of(report("disk", timed(CheckResult.unknown().build()), true, Status.UNKNOWN));

        assertThat(degraded.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(degraded)).containsEntry("status", "DEGRADED").doesNotContainKey("observedStatus");
        assertThat(unknown.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(unknown)).containsEntry("status", "UNKNOWN");
    }

    @Test
    void statusHeldByHysteresisShowsWhatTheLastRunObserved() {
        HealthCheckResponse response = MicroProfileResponses
                .of(report("db", timed(CheckResult.up().build()), true, Status.DOWN));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("status", "UP").containsEntry("observedStatus", "DOWN");
    }

    @Test
    void nestedDetailsBecomeJsonText() {
        CheckResult result = timed(CheckResult.down()
                .detail("threads", List.of(Map.of("name", "worker-1"), Map.of("name", "worker-2")))
                .detail("limits", Map.of("max", 10))
                .build());

        Map<String, Object> data = data(MicroProfileResponses.of(report("deadlocks", result, true, Status.DOWN)));

        assertThat(data).containsEntry("details.threads", "[{\"name\":\"worker-1\"},{\"name\":\"worker-2\"}]")
                .containsEntry("details.limits", "{\"max\":10}");
        assertThat(data.values()).allMatch((value) -> value instanceof String || value instanceof Long
                || value instanceof Boolean);
    }

    @Test
    void unreadableResultIsDownUnderTheCheckNameWithoutSecrets() {
        HealthCheckResponse response = MicroProfileResponses.failed("db",
                new IllegalStateException("jdbc:postgresql://app:hunter2@db:5432/shop unreachable"));

        assertThat(response.getName()).isEqualTo("db");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat((String) data(response).get("error")).startsWith("IllegalStateException: ")
                .doesNotContain("hunter2");
    }

    private static CheckResult timed(CheckResult result) {
        return result.withTiming(Duration.ofNanos(12_345_000), CHECKED_AT);
    }

    private static CheckReport report(String name, CheckResult result, boolean critical, Status observed) {
        return new CheckReport(name, result, critical, Set.of(), observed);
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }
}

package dev.diagnostics.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;

import dev.diagnostics.CheckReport;
import dev.diagnostics.foreign.ForeignCheck;
import dev.diagnostics.json.HealthReportJson;

/**
 * What an adopted contributor shows: the contributor's own {@link Health} as it produced it (its status, custom ones
 * included, and its details, whatever their type: Actuator's JSON renders them as before) plus the engine's
 * {@code durationMs}, and a {@code diagnosis} where there is one. Only what the engine decided differs:
 *
 * <ul>
 * <li>a contributor that timed out, hangs, threw or returned nothing is DOWN with the engine's diagnosis (and
 * {@code error}, {@code stuckAt}, ... as the engine found them);</li>
 * <li>while hysteresis holds a status, or when a non-critical contributor fails (DEGRADED), the engine's status is
 * shown with the contributor's details and {@code observedStatus}: the status code the contributor returned.</li>
 * </ul>
 */
final class AdoptedHealth {

    private AdoptedHealth() {
    }

    static Health of(CheckReport report, boolean includeDetails) {
        Optional<Health> original = ForeignCheck.original(report.result(), Health.class);
        boolean asReported = original.isPresent() && !report.held() && report.contribution() == report.status();
        if (asReported) {
            Health own = original.get();
            if (!includeDetails) {
                return Health.status(own.getStatus()).build();
            }
            Map<String, Object> details = new LinkedHashMap<>(own.getDetails());
            details.putAll(engineEntries(report));
            return Health.status(own.getStatus()).withDetails(details).build();
        }
        if (original.isEmpty()) {
            return CheckHealthIndicator.health(report, includeDetails);
        }
        org.springframework.boot.health.contributor.Status status = CheckHealthIndicator.status(report.contribution());
        if (!includeDetails) {
            return Health.status(status).build();
        }
        Map<String, Object> details = new LinkedHashMap<>(original.get().getDetails());
        details.putAll(report.result().details());
        details.putAll(engineEntries(report));
        details.put("observedStatus", original.get().getStatus().getCode());
        return Health.status(status).withDetails(details).build();
    }

    /** The engine's entries: {@code durationMs}, {@code diagnosis}, {@code error}, {@code critical: false}. */
    private static Map<String, Object> engineEntries(CheckReport report) {
        Map<String, Object> entries = HealthReportJson.component(report, true);
        entries.remove("status");
        entries.remove("details");
        entries.remove("checkedAt");
        return entries;
    }
}

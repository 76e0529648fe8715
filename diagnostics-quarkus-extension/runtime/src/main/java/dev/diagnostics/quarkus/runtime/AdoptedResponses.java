package dev.diagnostics.quarkus.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.diagnostics.CheckReport;
import dev.diagnostics.foreign.ForeignCheck;

/**
 * What an adopted check answers SmallRye: its own response (name, status, data) as it made it, with the engine's
 * {@code durationMs} and, where there is one, {@code diagnosis.*} added to the data. When the engine decided the
 * result (a timeout, a hang, a failure, a status held by hysteresis, a non-critical failure), the engine's response
 * under the check's own name, with the check's data where it gave some.
 */
final class AdoptedResponses {

    private AdoptedResponses() {
    }

    static HealthCheckResponse of(CheckReport report, AdoptedSmallRyeChecks adopted) {
        Optional<HealthCheckResponse> original = ForeignCheck.original(report.result(), HealthCheckResponse.class);
        original.ifPresent((own) -> adopted.responded(report.name(), own.getName()));
        HealthCheckResponse engine = MicroProfileResponses.of(report);
        Map<String, Object> engineData = engine.getData().orElse(Map.of());
        if (original.isEmpty()) {
            return new HealthCheckResponse(adopted.responseName(report.name()), engine.getStatus(),
                    Optional.of(engineData));
        }
        HealthCheckResponse own = original.get();
        Map<String, Object> data = new LinkedHashMap<>(own.getData().orElse(Map.of()));
        boolean asReported = !report.held() && report.contribution() == report.status();
        if (asReported) {
            engineData.forEach((key, value) -> {
                if (key.equals("durationMs") || key.startsWith("diagnosis.") || key.equals("critical")) {
                    data.put(key, value);
                }
            });
            return new HealthCheckResponse(own.getName(), own.getStatus(), Optional.of(data));
        }
        data.putAll(engineData);
        return new HealthCheckResponse(own.getName(), engine.getStatus(), Optional.of(data));
    }
}

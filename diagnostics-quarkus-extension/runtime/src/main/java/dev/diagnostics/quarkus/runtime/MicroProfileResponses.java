package dev.diagnostics.quarkus.runtime;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.diagnostics.CheckReport;
import dev.diagnostics.Redaction;
import dev.diagnostics.Status;
import dev.diagnostics.json.HealthReportJson;

/**
 * Turns one check's {@link CheckReport} into a MicroProfile {@link HealthCheckResponse}.
 *
 * <p>MicroProfile Health knows only UP and DOWN, and one DOWN makes the whole response 503, so the response is DOWN
 * only when the check's {@linkplain CheckReport#contribution() contribution} to the whole is DOWN (a critical check
 * that failed). DEGRADED, UNKNOWN and a non-critical DOWN answer UP and say what they are in the data:
 *
 * <ul>
 * <li>{@code status}: the contribution ({@code UP}, {@code DEGRADED}, {@code DOWN} or {@code UNKNOWN});</li>
 * <li>{@code observedStatus}: what the last run returned, when it differs from {@code status} (a non-critical
 * failure, or a status held by hysteresis);</li>
 * <li>the rest of {@link HealthReportJson#component(CheckReport, boolean)}: {@code critical} (only when
 * {@code false}), {@code durationMs}, {@code checkedAt}, {@code details.<name>}, {@code diagnosis.code},
 * {@code diagnosis.cause}, {@code diagnosis.remedy} and {@code error}.</li>
 * </ul>
 *
 * <p>SmallRye Health writes only strings, longs and booleans, so integral numbers become longs, and other numbers,
 * lists and maps become their JSON text ({@code durationMs} keeps its microsecond precision as text).
 */
final class MicroProfileResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MicroProfileResponses() {
    }

    static HealthCheckResponse of(CheckReport report) {
        Status contribution = report.contribution();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : HealthReportJson.component(report, true).entrySet()) {
            String key = entry.getKey();
            if ("status".equals(key)) {
                data.put("status", contribution.name());
                if (report.observedStatus() != contribution) {
                    data.put("observedStatus", report.observedStatus().name());
                }
            }
            else if (entry.getValue() instanceof Map<?, ?> nested) {
                nested.forEach((name, value) -> put(data, key + "." + name, value));
            }
            else {
                put(data, key, entry.getValue());
            }
        }
        HealthCheckResponse.Status status = (contribution == Status.DOWN)
                ? HealthCheckResponse.Status.DOWN : HealthCheckResponse.Status.UP;
        return new HealthCheckResponse(report.name(), status, Optional.of(data));
    }

    /**
     * A DOWN response for a check whose result could not be read at all (the engine itself never fails because of a
     * check, so this means a bug here or in the engine). Keeps the check's name, which SmallRye's own fallback
     * would replace with a class name.
     */
    static HealthCheckResponse failed(String name, Throwable failure) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", Status.DOWN.name());
        data.put("error", Redaction.describe(failure));
        return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.of(data));
    }

    private static void put(Map<String, Object> data, String key, Object value) {
        Object flat = flatten(value);
        if (flat != null) {
            data.put(key, flat);
        }
    }

    private static Object flatten(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            return big.longValue();
        }
        try {
            return JSON.writeValueAsString(value);
        }
        catch (JsonProcessingException ex) {
            // Core admits only JSON-safe values into a result, so this is a bug; say so rather than drop the value.
            return "<not renderable: " + ex.getOriginalMessage() + ">";
        }
    }
}

package dev.diagnostics.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthReport;

/**
 * Renders a {@link HealthReport} as JSON in a shape close to Spring Boot Actuator's, for applications that serve
 * health from their own HTTP server:
 *
 * <pre>
 * {"status":"DEGRADED","timestamp":"...","durationMs":12.4,
 *  "components":{"db":{"status":"UP","durationMs":3.1,"checkedAt":"...","details":{...}},
 *                "cache":{"status":"DOWN","critical":false,"durationMs":500.0,"diagnosis":{"code":"...",
 *                         "cause":"...","remedy":"..."},"error":"..."}}}
 * </pre>
 *
 * <p>Without details only the overall status and each component's status are written, which is what an
 * unauthenticated caller should see. Answer with {@link HealthReport#httpStatus()}. Thread-safe.
 */
public final class HealthReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private HealthReportJson() {
    }

    /** The report as a JSON string. */
    public static String toJson(HealthReport report, boolean includeDetails) {
        try {
            return MAPPER.writeValueAsString(toMap(report, includeDetails));
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException("Health report could not be rendered as JSON", ex);
        }
    }

    /** Writes the report as UTF-8 JSON to the stream, which is left open. */
    public static void write(HealthReport report, boolean includeDetails, OutputStream out) {
        try {
            MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, toMap(report, includeDetails));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The report as nested maps and lists of JSON-safe values, for frameworks that render JSON themselves. */
    public static Map<String, Object> toMap(HealthReport report, boolean includeDetails) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", report.status().name());
        report.group().ifPresent((group) -> root.put("group", group));
        if (includeDetails) {
            root.put("timestamp", report.timestamp().toString());
            root.put("durationMs", millis(report.duration()));
        }
        Map<String, Object> components = new LinkedHashMap<>();
        for (CheckReport check : report.checks().values()) {
            components.put(check.name(), component(check, includeDetails));
        }
        if (!components.isEmpty()) {
            root.put("components", components);
        }
        return root;
    }

    /** One check's entry, as written under {@code components}. */
    public static Map<String, Object> component(CheckReport check, boolean includeDetails) {
        Map<String, Object> component = new LinkedHashMap<>();
        CheckResult result = check.result();
        component.put("status", check.status().name());
        if (!includeDetails) {
            return component;
        }
        if (!check.critical()) {
            component.put("critical", false);
        }
        component.put("durationMs", millis(result.duration()));
        if (result.checkedAt() != null) {
            component.put("checkedAt", result.checkedAt().toString());
        }
        if (!result.details().isEmpty()) {
            component.put("details", result.details());
        }
        result.diagnosis().ifPresent((diagnosis) -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("code", diagnosis.code());
            map.put("cause", diagnosis.cause());
            map.put("remedy", diagnosis.remedy());
            component.put("diagnosis", map);
        });
        result.error().ifPresent((error) -> component.put("error", error));
        return component;
    }

    /** Milliseconds with microsecond precision. */
    public static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }
}

package dev.diagnostics.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthReport;
import dev.diagnostics.Status;

class HealthReportJsonTests {

    private static final String CANARY = "Canary-41d0c7";

    private final ObjectMapper mapper = new ObjectMapper();

    private HealthReport report() {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        CheckResult db = CheckResult.up().detail("database", "PostgreSQL 15.19").build()
                .withTiming(Duration.ofNanos(3_141_592), at);
        CheckResult cache = CheckResult.down()
                .error(new IllegalStateException("WRONGPASS for redis://app:" + CANARY + "@127.0.0.1:6379"))
                .diagnosis("redis.auth", "Redis rejected the configured password", "Check REDIS_PASSWORD.")
                .build().withTiming(Duration.ofMillis(500), at);
        return new HealthReport(null, at, Duration.ofMillis(501), Map.of(
                "db", new CheckReport("db", db, true, Set.of("readiness"), Status.UP),
                "cache", new CheckReport("cache", cache, false, Set.of("readiness"), Status.DOWN)));
    }

    @Test
    void rendersActuatorLikeShapeWithDurationAndDiagnosis() throws Exception {
        JsonNode json = this.mapper.readTree(HealthReportJson.toJson(report(), true));

        assertThat(json.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(json.get("durationMs").asDouble()).isEqualTo(501.0);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-23T10:00:00Z");
        JsonNode db = json.get("components").get("db");
        assertThat(db.get("status").asText()).isEqualTo("UP");
        assertThat(db.get("durationMs").asDouble()).isEqualTo(3.142);
        assertThat(db.get("details").get("database").asText()).isEqualTo("PostgreSQL 15.19");
        assertThat(db.has("critical")).isFalse();
        JsonNode cache = json.get("components").get("cache");
        assertThat(cache.get("critical").asBoolean(true)).isFalse();
        assertThat(cache.get("diagnosis").get("code").asText()).isEqualTo("redis.auth");
        assertThat(cache.get("error").asText()).contains("WRONGPASS");
    }

    @Test
    void withoutDetailsOnlyStatusesAreShown() throws Exception {
        JsonNode json = this.mapper.readTree(HealthReportJson.toJson(report(), false));

        assertThat(json.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(json.get("components").get("cache").size()).isEqualTo(1);
        assertThat(json.has("durationMs")).isFalse();
        assertThat(json.toString()).doesNotContain("WRONGPASS").doesNotContain("PostgreSQL");
    }

    @Test
    void secretsNeverReachTheJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HealthReportJson.write(report(), true, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY).contains("redis://app:");
    }
}

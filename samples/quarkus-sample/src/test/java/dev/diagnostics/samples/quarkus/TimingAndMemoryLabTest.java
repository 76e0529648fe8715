package dev.diagnostics.samples.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The timing lab shows where a slow request's time went (the {@code pricing} section inside {@code app}), and the
 * memory lab retains and releases memory within its bounds while reporting the memory watch's level.
 */
@QuarkusTest
class TimingAndMemoryLabTest {

    @Test
    void aSlowSectionShowsInServerTimingAndTheProcessTime() {
        Response response = given().get("/lab/timing/app?ms=150");

        assertThat(response.statusCode()).isEqualTo(200);
        double processSeconds = Double.parseDouble(response.header("X-Process-Time"));
        Map<String, Double> timing = serverTiming(response.header("Server-Timing"));
        assertThat(processSeconds).isGreaterThanOrEqualTo(0.150);
        assertThat(timing).containsKeys("total", "app", "pricing");
        assertThat(timing.get("pricing")).isGreaterThanOrEqualTo(150.0);
        assertThat(timing.get("app")).isGreaterThanOrEqualTo(timing.get("pricing"));
        assertThat(timing.get("total")).isGreaterThanOrEqualTo(timing.get("app"));
    }

    @Test
    void retentionIsBoundedReleasedAndTheLevelIsShown() {
        Response retained = given().post("/lab/memory/retain?mb=16");
        assertThat(retained.statusCode()).isEqualTo(200);
        assertThat(retained.jsonPath().getInt("retainedMb")).isEqualTo(16);
        assertThat(retained.jsonPath().getString("level")).isIn("OK", "WARN", "CRITICAL");

        Response capped = given().post("/lab/memory/retain?share=5");
        long maxHeapMb = capped.jsonPath().getLong("maxHeapMb");
        assertThat(capped.jsonPath().getLong("retainedMb")).isLessThanOrEqualTo((long) Math.min(1024, maxHeapMb * 0.92));

        assertThat(given().delete("/lab/memory").jsonPath().getInt("retainedMb")).isZero();
        assertThat(given().get("/lab/memory/allocate?mb=8").jsonPath().getInt("allocatedMb")).isEqualTo(8);
    }

    /** {@code name;dur=12.3;desc="..."} entries by name. */
    private static Map<String, Double> serverTiming(String header) {
        assertThat(header).as("Server-Timing").isNotNull();
        Map<String, Double> entries = new LinkedHashMap<>();
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split(";");
            for (String part : parts) {
                if (part.startsWith("dur=")) {
                    entries.put(parts[0], Double.parseDouble(part.substring(4)));
                }
            }
        }
        return entries;
    }
}

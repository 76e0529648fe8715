package dev.diagnostics.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application on the machine's Redis (127.0.0.1:6379, only read) answering HTTP: Spring Boot's own
 * {@code redis} indicator is replaced by ours, which shows the server's version and memory and is in readiness.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.banner-mode=off",
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=6379",
        "management.endpoint.health.show-details=always",
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.group.readiness.include=readinessState" })
class RedisHealthHttpTests {

    @LocalServerPort
    private int port;

    @Test
    void healthShowsOurRedisUpWithVersionAndMemory() {
        ActuatorClient client = new ActuatorClient(this.port);
        Response health = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/actuator/health"), (response) -> "UP".equals(response.healthStatus()));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.<String>read("$.components.redis.status")).isEqualTo("UP");
        Map<String, Object> details = health.read("$.components.redis.details");
        assertThat(details).containsKey("version");
        assertThat(details.keySet()).anySatisfy((key) -> assertThat(key.toLowerCase()).contains("memory"));
        // Ours, not Spring Boot's: it says how long it took.
        assertThat(details).containsKey("durationMs");
        Response readiness = client.get("/actuator/health/readiness");
        assertThat(readiness.<Map<String, Object>>read("$.components")).containsOnlyKeys("readinessState", "redis",
                "diskSpace", "memory");
        Response metrics = client.get("/actuator/metrics");
        assertThat(metrics.<List<String>>read("$.names"))
                .anySatisfy((name) -> assertThat(name).startsWith("diagnostics.redis."));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CacheApplication {
    }
}

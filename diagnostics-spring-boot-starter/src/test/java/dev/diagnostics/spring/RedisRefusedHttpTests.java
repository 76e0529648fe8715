package dev.diagnostics.spring;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application whose Redis is not there: a port where nothing listens. Health answers DOWN with the refused
 * connection as diagnosis inside the engine's budget, where Spring Boot's own indicator would wait for Lettuce's
 * 60 s timeout. The configured password is a canary that must never appear.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.banner-mode=off",
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.password=" + RedisRefusedHttpTests.CANARY,
        "management.endpoint.health.show-details=always",
        "logging.level.dev.diagnostics=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class RedisRefusedHttpTests {

    static final String CANARY = "Canary-redis-41f7";

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void closedPort(DynamicPropertyRegistry registry) throws Exception {
        int closed = RedisFaultHttpTests.freePort();
        registry.add("spring.data.redis.port", () -> closed);
    }

    @Test
    void refusedConnectionIsDownWithinTheBudgetNamingTheCause(CapturedOutput output) {
        ActuatorClient client = new ActuatorClient(this.port);
        Response health = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/actuator/health"),
                        (response) -> response.body().contains("\"redis.connection-refused\""));

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.<String>read("$.components.redis.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.redis.details.diagnosis.code"))
                .isEqualTo("redis.connection-refused");
        // Every answer came within the client's timeout (5 s), far below Lettuce's 60 s; the engine's budget is 800 ms.
        long started = System.nanoTime();
        Response again = client.get("/actuator/health");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ActuatorClient.CLIENT_TIMEOUT);
        assertThat(again.<String>read("$.components.redis.status")).isEqualTo("DOWN");
        assertThat(health.body()).doesNotContain(CANARY);
        assertThat(again.body()).doesNotContain(CANARY);
        assertThat(output.getAll()).doesNotContain(CANARY);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CacheApplication {
    }
}

package dev.diagnostics.spring;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import dev.diagnostics.CheckResult;
import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application answering HTTP: our checks are components of /actuator/health and of its probe groups, and
 * their statuses decide the answer's status and HTTP code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.banner-mode=off",
        // The test class path has JDBC and Redis for their own tests; these tests are about the engine, without them.
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "management.endpoint.health.show-details=always",
        // Spring Boot's probe groups show the status only; defining them shows their components too.
        "management.endpoint.health.group.liveness.include=livenessState",
        "management.endpoint.health.group.readiness.include=readinessState",
        "diagnostics.checks.payments.groups=readiness",
        "diagnostics.checks.inventoryFeed.critical=false" })
class HealthEndpointHttpTests {

    /**
     * The engine lets callers that arrive within one budget (800 ms) share a round's results, so a test that flips a
     * check waits for the endpoint to show it rather than expecting the very next request to.
     */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @LocalServerPort
    private int port;

    @Autowired
    private SwitchableCheck paymentsCheck;

    @Autowired
    private SwitchableCheck inventoryFeedHealthCheck;

    private ActuatorClient client;

    @BeforeEach
    void allChecksUp() {
        this.client = new ActuatorClient(this.port);
        this.paymentsCheck.set(CheckResult.up().detail("provider", "sandbox").build());
        this.inventoryFeedHealthCheck.set(CheckResult.up().build());
        healthUntil("/actuator/health", (response) -> "UP".equals(response.healthStatus()));
    }

    @Test
    void everyCheckIsAComponentOfTheHealthEndpointWithTimingAndDetails() {
        Response health = this.client.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        Map<String, Object> components = health.read("$.components");
        assertThat(components).containsKeys("deadlocks", "payments", "inventoryFeed", "ping", "diskSpace");
        assertThat(health.<String>read("$.components.deadlocks.status")).isEqualTo("UP");
        assertThat(health.<Object>read("$.components.deadlocks.details.durationMs")).isInstanceOf(Number.class);
        assertThat(health.<String>read("$.components.deadlocks.details.checkedAt")).isNotBlank();
        assertThat(health.<Integer>read("$.components.deadlocks.details.deadlockedThreads")).isZero();
        assertThat(health.<String>read("$.components.payments.details.provider")).isEqualTo("sandbox");
        assertThat(health.<Boolean>read("$.components.inventoryFeed.details.critical")).isFalse();
    }

    @Test
    void nonCriticalFailureMakesTheWholeDegradedAndAnswers200() {
        this.inventoryFeedHealthCheck.set(CheckResult.down()
                .diagnosis("inventory.feed.stalled", "No message for 90 s", "Restart the feed consumer")
                .build());

        Response health = healthUntil("/actuator/health", (response) -> !"UP".equals(response.healthStatus()));

        assertThat(health.healthStatus()).isEqualTo("DEGRADED");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.<String>read("$.components.inventoryFeed.status")).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.inventoryFeed.details.observedStatus")).isEqualTo("DOWN");
        assertThat(health.<Boolean>read("$.components.inventoryFeed.details.critical")).isFalse();
        assertThat(health.<String>read("$.components.inventoryFeed.details.diagnosis.code"))
                .isEqualTo("inventory.feed.stalled");
        assertThat(health.<String>read("$.components.inventoryFeed.details.diagnosis.remedy"))
                .isEqualTo("Restart the feed consumer");
    }

    @Test
    void degradedCheckMakesTheWholeDegraded() {
        this.paymentsCheck.set(CheckResult.degraded().detail("latencyMs", 900).build());

        Response health = healthUntil("/actuator/health", (response) -> !"UP".equals(response.healthStatus()));

        assertThat(health.healthStatus()).isEqualTo("DEGRADED");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.<String>read("$.components.payments.status")).isEqualTo("DEGRADED");
    }

    @Test
    void criticalFailureMakesTheWholeDownAndAnswers503() {
        this.inventoryFeedHealthCheck.set(CheckResult.down().build());
        this.paymentsCheck.set(CheckResult.down()
                .diagnosis("payments.refused", "Connection refused by payments.internal:443", "Start the gateway")
                .build());

        Response health = healthUntil("/actuator/health", (response) -> "DOWN".equals(response.healthStatus()));

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.<String>read("$.components.payments.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.payments.details.diagnosis.code")).isEqualTo("payments.refused");
        assertThat(health.<String>read("$.components.inventoryFeed.status")).isEqualTo("DEGRADED");
        Response readiness = this.client.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.healthStatus()).isEqualTo("DOWN");
        Response liveness = this.client.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
    }

    @Test
    void livenessShowsTheDeadlockCheckBesideSpringsLivenessState() {
        Response liveness = this.client.get("/actuator/health/liveness");

        assertThat(liveness.status()).isEqualTo(200);
        Map<String, Object> components = liveness.read("$.components");
        assertThat(components).containsOnlyKeys("livenessState", "deadlocks");
        assertThat(liveness.<String>read("$.components.deadlocks.status")).isEqualTo("UP");
    }

    @Test
    void readinessShowsReadinessChecksBesideSpringsReadinessState() {
        Response readiness = this.client.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        Map<String, Object> components = readiness.read("$.components");
        assertThat(components).containsOnlyKeys("readinessState", "payments", "diskSpace", "memory");
    }

    @Test
    void singleComponentIsServedByItsPath() {
        Response deadlocks = this.client.get("/actuator/health/deadlocks");

        assertThat(deadlocks.status()).isEqualTo(200);
        assertThat(deadlocks.healthStatus()).isEqualTo("UP");
        assertThat(deadlocks.<Integer>read("$.details.deadlockedThreads")).isZero();
    }

    private Response healthUntil(String path, Predicate<Response> condition) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> this.client.get(path),
                condition);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PaymentsApplication {

        @Bean
        SwitchableCheck paymentsCheck() {
            return new SwitchableCheck();
        }

        @Bean
        SwitchableCheck inventoryFeedHealthCheck() {
            return new SwitchableCheck();
        }
    }
}

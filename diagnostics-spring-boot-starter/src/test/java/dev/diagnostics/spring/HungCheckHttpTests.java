package dev.diagnostics.spring;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check that never returns does not hold the health endpoint: it answers by the engine's budget with the check
 * DOWN as timed out. Spring Boot's probe groups are left as Spring Boot makes them (status only, plus /livez and
 * /readyz), which shows that our readiness check is a member of the readiness probe even when the application
 * configures no group.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.banner-mode=off",
        // The test class path has JDBC and Redis for their own tests; these tests are about the engine, without them.
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.probes.add-additional-paths=true",
        "diagnostics.checks.stuck.groups=readiness",
        "diagnostics.checks.stuck.timeout=200ms" })
class HungCheckHttpTests {

    private static final CountDownLatch NEVER_RELEASED_DURING_TESTS = new CountDownLatch(1);

    @LocalServerPort
    private int port;

    @Autowired
    private PathMappedEndpoints endpoints;

    @AfterAll
    static void releaseStuckCheck() {
        NEVER_RELEASED_DURING_TESTS.countDown();
    }

    @Test
    void healthAnswersWithTheHungCheckDownAsTimedOut() {
        Response health = new ActuatorClient(this.port).get("/actuator/health");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.healthStatus()).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.stuck.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.stuck.details.diagnosis.code")).isEqualTo("health.check.timeout");
        assertThat(health.<String>read("$.components.deadlocks.status")).isEqualTo("UP");
    }

    @Test
    void hungReadinessCheckTakesSpringsDefaultReadinessProbeDownButNotLiveness() {
        ActuatorClient client = new ActuatorClient(this.port);

        Response readiness = client.get("/actuator/health/readiness");
        Response liveness = client.get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.healthStatus()).isEqualTo("DOWN");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.healthStatus()).isEqualTo("UP");
    }

    @Test
    void probesKeepTheirAdditionalPathsOnTheMainPort() {
        ActuatorClient client = new ActuatorClient(this.port);

        assertThat(client.get("/readyz").status()).isEqualTo(503);
        assertThat(client.get("/livez").status()).isEqualTo(200);
        // What Spring Security's EndpointRequest matchers read: the groups bean as an AdditionalPathsMapper.
        assertThat(this.endpoints.getAdditionalPaths(WebServerNamespace.SERVER, EndpointId.of("health")))
                .containsExactlyInAnyOrder("/livez", "/readyz");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class StuckApplication {

        @Bean
        HealthCheck stuckCheck() {
            return () -> {
                NEVER_RELEASED_DURING_TESTS.await();
                return CheckResult.up().build();
            };
        }
    }
}

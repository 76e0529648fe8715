package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Identifier;

/** Where each check appears in SmallRye Health's endpoints, and what its data says, when every check is UP. */
class HealthEndpointsTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, OrdersCheck.class, ReportsHealthCheck.class,
                    CacheProbe.class, DisabledCheck.class, WarmupRegistration.class, TestMeterRegistry.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.health.groups", "billing")
            .overrideRuntimeConfigKey("quarkus.diagnostics.checks.cache.groups", "readiness,billing")
            .overrideRuntimeConfigKey("quarkus.diagnostics.checks.disabled.enabled", "false");

    @Inject
    MeterRegistry meters;

    @Test
    void overallHealthListsEveryEnabledCheck() {
        Response health = HealthResponses.get("/q/health", 200);

        assertThat(health.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(HealthResponses.names(health))
                .containsExactlyInAnyOrder("deadlocks", "orders", "reports", "cache", "warmup", "memory",
                        "diskSpace", "cpu");
    }

    @Test
    void livenessHasTheDeadlockCheckOnly() {
        Response live = HealthResponses.get("/q/health/live", 200);

        assertThat(HealthResponses.names(live)).containsExactly("deadlocks");
        assertThat(HealthResponses.data(live, "deadlocks")).containsEntry("details.deadlockedThreads", 0);
    }

    @Test
    void readinessHasQualifiedAndConfiguredChecks() {
        Response ready = HealthResponses.get("/q/health/ready", 200);

        assertThat(HealthResponses.names(ready)).containsExactlyInAnyOrder("orders", "cache", "memory", "diskSpace");
    }

    @Test
    void startupHasTheCheckRegisteredInStartup() {
        Response started = HealthResponses.get("/q/health/started", 200);

        assertThat(HealthResponses.names(started)).containsExactly("warmup");
    }

    @Test
    void customGroupIsServedAsSmallRyeHealthGroup() {
        Response billing = HealthResponses.get("/q/health/group/billing", 200);

        assertThat(HealthResponses.names(billing)).containsExactly("cache");
    }

    @Test
    void checkWithoutGroupIsWellnessOnly() {
        assertThat(HealthResponses.names(HealthResponses.get("/q/health/well", 200)))
                .containsExactlyInAnyOrder("reports", "cpu");
        for (String probe : List.of("/q/health/live", "/q/health/ready", "/q/health/started")) {
            assertThat(HealthResponses.names(HealthResponses.get(probe, 200))).doesNotContain("reports");
        }
    }

    @Test
    void dataCarriesTheEngineReportFlattened() {
        Map<String, Object> data = HealthResponses.data(HealthResponses.get("/q/health/ready", 200), "orders");

        assertThat(data).containsEntry("status", "UP")
                .containsEntry("details.openOrders", 3)
                .containsEntry("details.queues", "[\"eu\",\"us\"]")
                .containsKeys("durationMs", "checkedAt")
                .doesNotContainKeys("critical", "observedStatus", "diagnosis.code", "error");
        assertThat(Double.parseDouble((String) data.get("durationMs"))).isNotNegative();
    }

    @Test
    void checkStatusIsPublishedToTheMeterRegistry() {
        HealthResponses.get("/q/health/live", 200);

        Gauge up = this.meters.find("diagnostics.check.status").tags("check", "deadlocks", "status", "UP").gauge();
        Gauge down = this.meters.find("diagnostics.check.status").tags("check", "deadlocks", "status", "DOWN").gauge();
        assertThat(up).isNotNull();
        assertThat(up.value()).isEqualTo(1.0);
        assertThat(down.value()).isEqualTo(0.0);
    }

    @Readiness
    @ApplicationScoped
    public static class OrdersCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.up().detail("openOrders", 3).detail("queues", List.of("eu", "us")).build();
        }
    }

    @Singleton
    public static class ReportsHealthCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.up().build();
        }
    }

    @Singleton
    @Identifier("cache")
    public static class CacheProbe implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.up().build();
        }
    }

    @Singleton
    public static class DisabledCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            throw new AssertionError("a disabled check must not run");
        }
    }

    @Singleton
    public static class WarmupRegistration {

        @Produces
        @Singleton
        CheckRegistration warmup() {
            return CheckRegistration.builder("warmup", () -> CheckResult.up().build())
                    .groups(HealthGroups.STARTUP)
                    .build();
        }
    }

    @Singleton
    public static class TestMeterRegistry {

        @Produces
        @Singleton
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}

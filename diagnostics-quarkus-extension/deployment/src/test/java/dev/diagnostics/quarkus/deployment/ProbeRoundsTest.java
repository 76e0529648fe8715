package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * A probe runs its own checks and no others: a liveness probe never runs readiness checks (ours or the application's
 * MicroProfile ones), whichever check SmallRye happens to call first.
 */
class ProbeRoundsTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, OrdersCheck.class, CountingMicroProfileCheck.class,
                    InventoryCheck.class, HeartbeatCheck.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.diagnostics.memory.enabled", "false")
            .overrideConfigKey("quarkus.diagnostics.disk-space.enabled", "false");

    @Inject
    @Readiness
    OrdersCheck orders;

    @Inject
    @Readiness
    InventoryCheck inventory;

    @Inject
    @Liveness
    HeartbeatCheck heartbeat;

    @Test
    void livenessRunsNoReadinessCheckAndReadinessRunsThem() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            assertThat(HealthResponses.names(HealthResponses.get("/q/health/live", 200)))
                    .containsExactlyInAnyOrder("deadlocks", "heartbeat");
        }
        assertThat(this.heartbeat.calls()).isPositive();
        // Rounds run on engine threads; anything a liveness round started would have run by now.
        Thread.sleep(200);
        assertThat(this.orders.calls()).as("our readiness check").isZero();
        assertThat(this.inventory.calls()).as("the application's MicroProfile readiness check").isZero();

        assertThat(HealthResponses.names(HealthResponses.get("/q/health/ready", 200)))
                .containsExactlyInAnyOrder("orders", "inventory");
        assertThat(this.orders.calls()).isPositive();
        assertThat(this.inventory.calls()).isPositive();
    }

    @Readiness
    @ApplicationScoped
    public static class OrdersCheck implements HealthCheck {

        private final AtomicInteger calls = new AtomicInteger();

        /** A method, not the field: the test holds a client proxy, whose fields are not the bean's. */
        int calls() {
            return this.calls.get();
        }

        @Override
        public CheckResult check() {
            this.calls.incrementAndGet();
            return CheckResult.up().build();
        }
    }

    /** A MicroProfile check that counts its calls. */
    abstract static class CountingMicroProfileCheck implements org.eclipse.microprofile.health.HealthCheck {

        private final AtomicInteger calls = new AtomicInteger();

        private final String name;

        CountingMicroProfileCheck(String name) {
            this.name = name;
        }

        /** A method, not the field: the test holds a client proxy, whose fields are not the bean's. */
        int calls() {
            return this.calls.get();
        }

        @Override
        public HealthCheckResponse call() {
            this.calls.incrementAndGet();
            return HealthCheckResponse.up(this.name);
        }
    }

    @Readiness
    @ApplicationScoped
    public static class InventoryCheck extends CountingMicroProfileCheck {

        public InventoryCheck() {
            super("inventory");
        }
    }

    @Liveness
    @ApplicationScoped
    public static class HeartbeatCheck extends CountingMicroProfileCheck {

        public HeartbeatCheck() {
            super("heartbeat");
        }
    }
}

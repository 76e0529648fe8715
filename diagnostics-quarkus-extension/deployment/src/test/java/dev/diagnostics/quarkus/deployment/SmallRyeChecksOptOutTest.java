package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * A check named in {@code quarkus.diagnostics.health.contributors.exclude} stays SmallRye's own: the same response,
 * without the engine's additions; the others run through the engine.
 */
class SmallRyeChecksOptOutTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, PaymentsCheck.class,
                    LedgerCheck.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.diagnostics.health.contributors.exclude", "ledger");

    @Test
    void anExcludedCheckIsLeftToSmallRye() {
        Response ready = HealthResponses.get("/q/health/ready", 200);

        assertThat(HealthResponses.data(ready, "payments")).containsEntry("provider", "sandbox")
                .containsKey("durationMs");
        assertThat(HealthResponses.data(ready, "ledger")).containsOnlyKeys("entries");
    }

    @Readiness
    @ApplicationScoped
    public static class PaymentsCheck implements HealthCheck {

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("payments").up().withData("provider", "sandbox").build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class LedgerCheck implements HealthCheck {

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("ledger").up().withData("entries", 3).build();
        }
    }
}

package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * MicroProfile Health has only UP and DOWN: a critical failure answers DOWN (503) with its diagnosis; a
 * non-critical failure and a DEGRADED check answer UP (200) and say what they are in the data.
 */
class FailingChecksTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, PaymentsCheck.class, RecommendationsCheck.class,
                    SearchCheck.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.checks.recommendations.critical", "false");

    @Test
    void criticalDownCheckAnswers503WithItsDiagnosis() {
        Response ready = HealthResponses.get("/q/health/ready", 503);

        assertThat(ready.jsonPath().getString("status")).isEqualTo("DOWN");
        assertThat(HealthResponses.check(ready, "payments")).containsEntry("status", "DOWN");
        assertThat(HealthResponses.data(ready, "payments"))
                .containsEntry("status", "DOWN")
                .containsEntry("diagnosis.code", "payments.gateway-refused")
                .containsEntry("diagnosis.cause", "Payment gateway gw.example:443 refused the connection")
                .containsEntry("diagnosis.remedy", "Check the gateway's status page")
                .containsEntry("details.gateway", "gw.example:443")
                .doesNotContainKeys("critical", "observedStatus");
    }

    @Test
    void nonCriticalDownCheckAnswersUpAndShowsDegraded() {
        Response started = HealthResponses.get("/q/health/started", 200);

        assertThat(started.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(HealthResponses.check(started, "recommendations")).containsEntry("status", "UP");
        assertThat(HealthResponses.data(started, "recommendations"))
                .containsEntry("status", "DEGRADED")
                .containsEntry("observedStatus", "DOWN")
                .containsEntry("critical", false)
                .containsEntry("diagnosis.code", "recommendations.stale")
                .containsEntry("error", "IllegalStateException: model file is 3 days old");
    }

    @Test
    void degradedCheckAnswersUpAndShowsDegraded() {
        Map<String, Object> data = HealthResponses.data(HealthResponses.get("/q/health/started", 200), "search");

        assertThat(data).containsEntry("status", "DEGRADED")
                .containsEntry("diagnosis.code", "search.index-lagging")
                .doesNotContainKey("observedStatus");
    }

    @Test
    void overallHealthIsDownWhileACriticalCheckIsDown() {
        Response health = HealthResponses.get("/q/health", 503);

        assertThat(HealthResponses.check(health, "payments")).containsEntry("status", "DOWN");
        assertThat(HealthResponses.check(health, "recommendations")).containsEntry("status", "UP");
        assertThat(HealthResponses.check(health, "deadlocks")).containsEntry("status", "UP");
    }

    @Readiness
    @Singleton
    public static class PaymentsCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.down()
                    .detail("gateway", "gw.example:443")
                    .diagnosis("payments.gateway-refused", "Payment gateway gw.example:443 refused the connection",
                            "Check the gateway's status page")
                    .build();
        }
    }

    @Startup
    @Singleton
    public static class RecommendationsCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.down()
                    .error(new IllegalStateException("model file is 3 days old"))
                    .diagnosis("recommendations.stale", "The recommendation model was not refreshed",
                            "Run the model refresh job")
                    .build();
        }
    }

    @Startup
    @Singleton
    public static class SearchCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.degraded()
                    .diagnosis("search.index-lagging", "The search index is 40 s behind", "Watch the indexer")
                    .build();
        }
    }
}

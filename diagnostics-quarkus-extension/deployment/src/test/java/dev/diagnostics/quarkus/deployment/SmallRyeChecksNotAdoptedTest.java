package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.HealthEngine;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * With {@code quarkus.diagnostics.health.contributors.enabled=false} (build time) SmallRye calls the application's
 * MicroProfile checks itself, as without the extension, and the engine does not know them.
 */
class SmallRyeChecksNotAdoptedTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class,
                    SmallRyeChecksOptOutTest.PaymentsCheck.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.diagnostics.health.contributors.enabled", "false");

    @Inject
    HealthEngine engine;

    @Test
    void theChecksStaySmallRyesOwn() {
        Response ready = HealthResponses.get("/q/health/ready", 200);

        assertThat(HealthResponses.data(ready, "payments")).containsOnlyKeys("provider");
        assertThat(this.engine.registrations()).noneMatch((registration) -> registration.name().equals("payments"));
    }
}

package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import io.quarkus.test.QuarkusExtensionTest;

/** With publishing off, SmallRye Health shows none of our checks, and the engine still runs for direct use. */
class PublishingDisabledTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.health.enabled", "false");

    @Inject
    HealthEngine engine;

    @Test
    void smallRyeHealthListsNoDiagnosticsCheck() {
        assertThat(HealthResponses.names(HealthResponses.get("/q/health", 200))).isEmpty();
        assertThat(this.engine.registrations()).extracting(CheckRegistration::name)
                .containsExactly("deadlocks", "memory", "diskSpace", "cpu");
        assertThat(this.engine.evaluateCheck("deadlocks").status().name()).isEqualTo("UP");
    }
}

package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/** A budget that does not fit the probe timeout fails startup, naming the property. */
class InvalidBudgetTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.health.budget", "2s")
            .assertException((failure) -> assertThat(StartupFailures.invalidConfiguration(failure))
                    .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.health.budget'")
                    .hasMessageContaining("quarkus.diagnostics.health.probe-timeout (PT1S)")
                    .hasMessageContaining("PT2S"));

    @Test
    void startupFails() {
        fail("startup should have failed on quarkus.diagnostics.health.budget");
    }
}

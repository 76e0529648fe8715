package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/** A per-check timeout longer than the budget fails startup, naming the check's property. */
class InvalidCheckOverrideTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.checks.deadlocks.timeout", "900ms")
            .assertException((failure) -> assertThat(StartupFailures.invalidConfiguration(failure))
                    .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.checks.deadlocks.timeout'")
                    .hasMessageContaining("PT0.9S"));

    @Test
    void startupFails() {
        fail("startup should have failed on quarkus.diagnostics.checks.deadlocks.timeout");
    }
}

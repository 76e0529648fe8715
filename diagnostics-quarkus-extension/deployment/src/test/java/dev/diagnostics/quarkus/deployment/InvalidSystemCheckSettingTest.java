package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/** A system check setting the core rejects fails startup naming the Quarkus property. */
class InvalidSystemCheckSettingTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.tcp.targets.\"payments\"", "payments.internal")
            .assertException((failure) -> assertThat(StartupFailures.invalidConfiguration(failure))
                    .hasMessageStartingWith(
                            "Invalid configuration 'quarkus.diagnostics.tcp.targets.\"payments\"'"));

    @Test
    void startupFails() {
        fail("startup should have failed on quarkus.diagnostics.tcp.targets.\"payments\"");
    }
}

package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/**
 * A Redis setting the core rejects fails startup naming the Quarkus property, even before the application provides a
 * lettuce bean.
 */
class InvalidRedisSettingTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.redis.memory-warning", "1.5")
            .assertException((failure) -> assertThat(StartupFailures.invalidConfiguration(failure))
                    .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.redis.memory-warning'")
                    .hasMessageContaining("1.5"));

    @Test
    void startupFails() {
        fail("startup should have failed on quarkus.diagnostics.redis.memory-warning");
    }
}

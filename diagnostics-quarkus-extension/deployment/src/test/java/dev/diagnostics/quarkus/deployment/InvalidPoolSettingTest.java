package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/** A pool setting the core rejects fails startup, naming the Quarkus property. */
class InvalidPoolSettingTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(LocalPostgres.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideRuntimeConfigKey("quarkus.datasource.jdbc.url", LocalPostgres.URL)
            .overrideRuntimeConfigKey("quarkus.datasource.username", LocalPostgres.USER)
            .overrideRuntimeConfigKey("quarkus.diagnostics.pool.sample-interval", "5s")
            .assertException((failure) -> assertThat(StartupFailures.invalidConfiguration(failure))
                    .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.pool.sample-interval'")
                    .hasMessageContaining("PT5S"));

    @Test
    void startupFails() {
        fail("startup should have failed on quarkus.diagnostics.pool.sample-interval");
    }
}

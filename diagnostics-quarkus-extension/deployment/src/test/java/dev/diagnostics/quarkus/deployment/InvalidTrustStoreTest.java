package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/** A trust store that cannot be read fails startup naming the Quarkus property, never showing its password. */
class InvalidTrustStoreTest {

    static final String CANARY = "Canary-trust-pass-93b0";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.tls.endpoints.\"api\".address", "127.0.0.1:443")
            .overrideRuntimeConfigKey("quarkus.diagnostics.tls.trust-store.path", "/nonexistent/trust.p12")
            .overrideRuntimeConfigKey("quarkus.diagnostics.tls.trust-store.password", CANARY)
            .assertException((failure) -> assertThat(StartupFailures.invalidConfiguration(failure))
                    .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.tls.trust-store'")
                    .hasMessageContaining("/nonexistent/trust.p12")
                    .hasMessageNotContaining(CANARY));

    @Test
    void startupFails() {
        fail("startup should have failed on quarkus.diagnostics.tls.trust-store");
    }
}

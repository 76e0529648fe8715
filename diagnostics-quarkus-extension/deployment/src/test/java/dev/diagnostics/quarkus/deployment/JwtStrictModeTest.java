package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/**
 * Strict mode: a weak key stops startup with a message naming the setting that holds it and the strict switch, never
 * the key (a canary), in no message of the whole chain of causes.
 */
class JwtStrictModeTest {

    static final String WEAK_CANARY = "changeme-CANARY";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            // A free port: other builds on this machine may hold the default test port.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideRuntimeConfigKey("app.jwt.secret", WEAK_CANARY)
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.secret-property", "app.jwt.secret")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.strict", "true")
            .assertException((failure) -> {
                assertThat(StartupFailures.invalidConfiguration(failure))
                        .hasMessageStartingWith("Invalid configuration 'app.jwt.secret'")
                        .hasMessageContaining("JWT key from property 'app.jwt.secret'")
                        .hasMessageContaining("quarkus.diagnostics.jwt.strict=true");
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    assertThat(String.valueOf(cause.getMessage())).doesNotContain(WEAK_CANARY).doesNotContain("CANARY");
                    if (cause.getCause() == cause) {
                        break;
                    }
                }
            });

    @Test
    void startupFails() {
        fail("startup should have failed on the weak key in strict mode");
    }
}

package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.system.RequiredConfigurationException;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * Required settings missing, blank and set to placeholders fail startup with one message listing every one of them,
 * never a value.
 */
class RequiredConfigurationStartupTest {

    private static final String CANARY = "Canary-quarkus-config-7a3c";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.config.required",
                    "DATABASE_URL,JWT_SECRET,API_TOKEN,app.mail.password")
            .overrideRuntimeConfigKey("DATABASE_URL", "jdbc:postgresql://db/app?password=" + CANARY)
            .overrideRuntimeConfigKey("JWT_SECRET", "changeme")
            .overrideRuntimeConfigKey("app.mail.password", "${MAIL_PASSWORD_NOWHERE}")
            .assertException(RequiredConfigurationStartupTest::listsEveryProblemAndNoValue);

    private static void listsEveryProblemAndNoValue(Throwable failure) {
        Throwable required = failure;
        while (required != null && !required.getClass().getName().equals(
                RequiredConfigurationException.class.getName())) {
            required = required.getCause();
        }
        assertThat(required).as("a RequiredConfigurationException among the causes of %s", failure).isNotNull();
        assertThat(required.getMessage()).startsWith("3 required settings are not usable:")
                .contains("JWT_SECRET holds a placeholder", "API_TOKEN is not set",
                        // MicroProfile Config reads a value whose expression cannot be expanded as absent.
                        "app.mail.password is not set")
                .doesNotContain("DATABASE_URL").doesNotContain(CANARY).doesNotContain("changeme");
    }

    @Test
    void startupFails() {
        fail("startup should have failed on the required settings");
    }
}

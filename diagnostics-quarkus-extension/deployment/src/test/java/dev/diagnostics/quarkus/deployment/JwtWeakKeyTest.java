package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * A weak HMAC secret in the environment-like property the check names: readiness is DOWN (503) with the key's
 * diagnosis and the property named, the weak secret (a canary) nowhere, not even in the warning logged at startup.
 */
class JwtWeakKeyTest {

    static final String WEAK_CANARY = "wEak-CANARY-42";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LogText.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            // A free port: other builds on this machine may hold the default test port.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideRuntimeConfigKey("app.jwt.secret", WEAK_CANARY)
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.secret-property", "app.jwt.secret")
            .setLogRecordPredicate((record) -> true)
            .assertLogRecords((records) -> {
                assertThat(records.stream().map(LogText::of))
                        .anyMatch((text) -> text.contains("JWT key from property 'app.jwt.secret'"))
                        .noneMatch((text) -> text.contains(WEAK_CANARY) || text.contains("CANARY"));
            });

    @Test
    void readinessIsDownWithTheKeyDiagnosis() {
        Response ready = HealthResponses.get("/q/health/ready", 503);

        Map<String, Object> jwt = HealthResponses.data(ready, "jwt");
        assertThat(jwt).containsEntry("status", "DOWN").containsEntry("diagnosis.code", "jwt.key-too-short")
                .containsEntry("details.keySource", "property 'app.jwt.secret'")
                .containsEntry("details.keyBits", 112);
        assertThat((String) jwt.get("diagnosis.cause")).contains("112 bits");
        assertThat((String) jwt.get("diagnosis.remedy")).contains("app.jwt.secret");
        assertThat(ready.asString()).doesNotContain(WEAK_CANARY).doesNotContain("CANARY");
    }
}

package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;

/** With {@code quarkus.diagnostics.redis.enabled=false} the application's lettuce beans get no {@code redis} check. */
class RedisDiagnosticsDisabledTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalRedis.class, LocalRedisClient.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.redis.enabled", "false");

    @Test
    void noRedisCheck() {
        assertThat(HealthResponses.names(HealthResponses.get("/q/health", 200))).doesNotContain("redis");
    }
}

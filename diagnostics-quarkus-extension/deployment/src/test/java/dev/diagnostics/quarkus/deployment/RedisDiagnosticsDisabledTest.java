package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.quarkus.test.QuarkusExtensionTest;

/** With {@code quarkus.diagnostics.redis.enabled=false} the application's lettuce beans get no {@code redis} check. */
class RedisDiagnosticsDisabledTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalRedis.class, Lettuce.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.redis.enabled", "false");

    @Test
    void noRedisCheck() {
        assertThat(HealthResponses.names(HealthResponses.get("/q/health", 200))).doesNotContain("redis");
    }

    @Singleton
    public static class Lettuce {

        @Produces
        @Singleton
        RedisURI redisUri() {
            return RedisURI.create(LocalRedis.URI);
        }

        @Produces
        @Singleton
        RedisClient redisClient(RedisURI uri) {
            return RedisClient.create(uri);
        }

        void close(@Disposes RedisClient client) {
            LocalRedis.shutdown(client);
        }
    }
}

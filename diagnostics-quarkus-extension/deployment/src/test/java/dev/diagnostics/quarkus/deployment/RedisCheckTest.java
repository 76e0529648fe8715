package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * An application providing a lettuce {@link RedisClient} and {@link RedisURI} for the machine's Redis: readiness has
 * the {@code redis} check, UP, built on its own connection from them, and its meters are bound.
 */
class RedisCheckTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalRedis.class, LocalRedisClient.class,
                    TestMeterRegistry.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @Inject
    MeterRegistry meters;

    @Test
    void readinessHasRedisUp() {
        Response ready = HealthResponses.get("/q/health/ready", 200);

        assertThat(HealthResponses.names(ready)).containsExactlyInAnyOrder("redis", "memory", "diskSpace");
        Map<String, Object> redis = HealthResponses.data(ready, "redis");
        assertThat(redis).containsEntry("status", "UP");
        assertThat(redis.toString()).contains(LocalRedis.HOST + ":" + LocalRedis.PORT);
    }

    @Test
    void redisIsNotInLiveness() {
        assertThat(HealthResponses.names(HealthResponses.get("/q/health/live", 200))).doesNotContain("redis");
    }

    @Test
    void redisMetersAreBound() {
        HealthResponses.get("/q/health/ready", 200);

        assertThat(this.meters.getMeters())
                .anyMatch((meter) -> meter.getId().getName().startsWith("diagnostics.redis."));
    }

    @Singleton
    public static class TestMeterRegistry {

        @Produces
        @Singleton
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}

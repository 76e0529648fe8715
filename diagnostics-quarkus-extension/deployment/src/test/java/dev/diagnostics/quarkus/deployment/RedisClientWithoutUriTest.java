package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.lettuce.core.RedisClient;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * An application providing only a {@link RedisClient} created with its URI (lettuce keeps that URI private): the check
 * connects with the client's own {@code connect()} off the probe's thread, and {@code redis} is UP.
 */
class RedisClientWithoutUriTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalRedis.class, Lettuce.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @Test
    void redisIsUpThroughTheClientsDefaultUri() throws InterruptedException {
        // The first probe may find the connection still being made.
        assertThat(HealthResponses.data(HealthResponses.await("/q/health/ready", "redis",
                (redis) -> "UP".equals(redis.get("status"))), "redis")).containsEntry("status", "UP");
    }

    @Singleton
    public static class Lettuce {

        @Produces
        @Singleton
        RedisClient redisClient() {
            return RedisClient.create(LocalRedis.URI);
        }

        void close(@Disposes RedisClient client) {
            LocalRedis.shutdown(client);
        }
    }
}

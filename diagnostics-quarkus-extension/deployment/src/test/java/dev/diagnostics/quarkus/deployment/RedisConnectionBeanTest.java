package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * An application providing only a {@link StatefulRedisConnection} (its client is no bean): {@code redis} shares that
 * connection, is UP, and leaves it open for the application.
 */
class RedisConnectionBeanTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalRedis.class, Lettuce.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @Inject
    StatefulRedisConnection<String, String> connection;

    @Test
    void redisIsUpOnTheApplicationsConnection() {
        assertThat(HealthResponses.data(HealthResponses.get("/q/health/ready", 200), "redis"))
                .containsEntry("status", "UP");
        assertThat(this.connection.isOpen()).isTrue();
        assertThat(this.connection.sync().ping()).isEqualTo("PONG");
    }

    @Singleton
    public static class Lettuce {

        private final RedisClient client = RedisClient.create(LocalRedis.URI);

        @Produces
        @Singleton
        StatefulRedisConnection<String, String> connection() {
            return this.client.connect();
        }

        void close(@Disposes StatefulRedisConnection<String, String> connection) {
            connection.close();
            LocalRedis.shutdown(this.client);
        }
    }
}

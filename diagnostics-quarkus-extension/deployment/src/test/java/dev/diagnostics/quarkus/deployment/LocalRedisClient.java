package dev.diagnostics.quarkus.deployment;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

/**
 * What an application that uses lettuce provides: a {@link RedisURI} for the machine's Redis and a {@link RedisClient}
 * made from it, shut down with the application. Tests add this class to their application root.
 */
@Singleton
public class LocalRedisClient {

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

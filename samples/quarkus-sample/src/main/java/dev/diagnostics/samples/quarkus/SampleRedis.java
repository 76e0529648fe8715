package dev.diagnostics.samples.quarkus;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.quarkus.arc.lookup.LookupUnlessProperty;

/**
 * The sample's lettuce beans, only when {@code sample.redis.url} is set (from {@code REDIS_URL}, see
 * application.properties). The diagnostics extension finds the {@link RedisClient} and {@link RedisURI} and adds the
 * {@code redis} check on a connection of its own; without the property neither bean can be looked up, so there is no
 * check and the sample needs no Redis.
 */
@Singleton
public class SampleRedis {

    static final String URL_PROPERTY = "sample.redis.url";

    private static final Logger logger = Logger.getLogger(SampleRedis.class);

    @Produces
    @Singleton
    @LookupUnlessProperty(name = URL_PROPERTY, stringValue = "")
    RedisURI redisUri(@ConfigProperty(name = URL_PROPERTY) Optional<String> url) {
        // Optional: Quarkus checks every config injection point at startup, and the property is usually unset.
        return RedisURI.create(url.orElseThrow());
    }

    @Produces
    @Singleton
    @LookupUnlessProperty(name = URL_PROPERTY, stringValue = "")
    RedisClient redisClient(RedisURI uri) {
        return RedisClient.create(uri);
    }

    /**
     * Waits at most 5 s: on Netty 4.2 inside Quarkus, lettuce's event loop has been seen failing while it releases its
     * buffers at shutdown, leaving {@code RedisClient.shutdown()} waiting forever.
     */
    void close(@Disposes RedisClient client) {
        try {
            client.shutdownAsync(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            logger.warnf("The Redis client did not shut down cleanly: %s", ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.diagnostics.quarkus.deployment;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.AbstractRedisClient;

/** The machine's Redis, shared: tests only read from it, never stop or reconfigure it. */
final class LocalRedis {

    static final String HOST = "127.0.0.1";

    static final int PORT = 6379;

    static final String URI = "redis://" + HOST + ":" + PORT;

    /** A loopback port nothing listens on: connecting is refused at once. */
    static final int REFUSED_PORT = 1;

    private LocalRedis() {
    }

    /**
     * Shuts a test's lettuce client down, waiting at most 5 s: inside a stopping Quarkus test application the future of
     * {@code RedisClient.shutdown()} was seen never to complete once the client had a connection (not reproduced
     * outside Quarkus), which would hang the test run.
     */
    static void shutdown(AbstractRedisClient client) {
        try {
            client.shutdownAsync(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            System.err.println("lettuce client did not shut down within 5 s: " + ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

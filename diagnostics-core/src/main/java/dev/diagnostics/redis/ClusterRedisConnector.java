package dev.diagnostics.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;

/**
 * A cluster connection of the check's own, from the application's cluster client.
 *
 * <p>Lettuce connects a cluster client asynchronously only once it knows the cluster's topology (its partitions);
 * until the application has used the client, it does not, and {@code connectAsync} fails with "Partitions not
 * initialized". The check then loads the topology asynchronously and connects, so it works from the first probe and
 * never blocks a probe thread on lettuce's synchronous topology load.
 */
final class ClusterRedisConnector implements RedisConnector {

    private final RedisClusterClient client;

    ClusterRedisConnector(RedisClusterClient client) {
        this.client = client;
    }

    @Override
    public CompletionStage<? extends StatefulConnection<?, ?>> connect() {
        return attempt().handle((connection, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(connection);
            }
            if (!partitionsMissing(failure)) {
                return CompletableFuture.<StatefulRedisClusterConnection<String, String>>failedFuture(failure);
            }
            return this.client.refreshPartitionsAsync().toCompletableFuture().thenCompose((loaded) -> attempt());
        }).thenCompose(Function.identity());
    }

    private CompletableFuture<StatefulRedisClusterConnection<String, String>> attempt() {
        try {
            return this.client.connectAsync(StringCodec.UTF8);
        }
        catch (IllegalStateException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** Whether lettuce refused because the client has not loaded the cluster's topology yet. */
    static boolean partitionsMissing(Throwable failure) {
        for (Throwable current = failure; current != null; current = (current.getCause() == current) ? null
                : current.getCause()) {
            if (current instanceof IllegalStateException && current.getMessage() != null
                    && current.getMessage().startsWith("Partitions not initialized")) {
                return true;
            }
        }
        return false;
    }
}

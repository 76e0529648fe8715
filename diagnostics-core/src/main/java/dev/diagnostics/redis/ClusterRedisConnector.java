package dev.diagnostics.redis;

import java.util.concurrent.CompletionStage;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;

/** A cluster connection of the check's own, from the application's cluster client. */
final class ClusterRedisConnector implements RedisConnector {

    private final RedisClusterClient client;

    ClusterRedisConnector(RedisClusterClient client) {
        this.client = client;
    }

    @Override
    public CompletionStage<? extends StatefulConnection<?, ?>> connect() {
        return this.client.connectAsync(StringCodec.UTF8);
    }
}

package dev.diagnostics.redis;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * How the {@link RedisCheck} gets its one connection. The check calls it only when it has no connection (or its
 * connection was closed for good), with at most one attempt in flight; it never opens a connection per probe.
 */
@FunctionalInterface
public interface RedisConnector {

    /**
     * Starts connecting. The check waits at most its deadline for the answer; a slower attempt stays the only one in
     * flight until it completes.
     *
     * @return the connection when connected, or a failed stage with the reason
     */
    CompletionStage<? extends StatefulConnection<?, ?>> connect();

    /**
     * A dedicated standalone (or Sentinel, through the URI) connection made by the application's client, with a
     * UTF-8 string codec. The check owns it and closes it in {@link RedisCheck#close()}. The URI's password is
     * masked in every output and its host and port become the check's target.
     */
    static RedisConnector of(RedisClient client, RedisURI uri) {
        return new UriRedisConnector(Objects.requireNonNull(client, "client"), Objects.requireNonNull(uri, "uri"));
    }

    /** A dedicated connection to a Redis Cluster made by the application's cluster client; owned by the check. */
    static RedisConnector of(RedisClusterClient client) {
        return new ClusterRedisConnector(Objects.requireNonNull(client, "client"));
    }

    /**
     * The application's own connection, used as is: the check only sends PING, INFO (and CLUSTER INFO) on it, never
     * changes its state and never closes it.
     */
    static RedisConnector of(StatefulConnection<?, ?> applicationConnection) {
        return new ApplicationRedisConnector(Objects.requireNonNull(applicationConnection, "applicationConnection"));
    }
}

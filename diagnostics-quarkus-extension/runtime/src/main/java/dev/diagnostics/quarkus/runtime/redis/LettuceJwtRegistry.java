package dev.diagnostics.quarkus.runtime.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import org.jboss.logging.Logger;

import dev.diagnostics.quarkus.runtime.JwtRegistrySource;
import dev.diagnostics.redis.RedisConnector;
import dev.diagnostics.redis.RedisKeyFingerprintRegistry;
import dev.diagnostics.time.TimeSource;
import io.quarkus.arc.ClientProxy;

/**
 * The {@code jwt} check's registry in the application's Redis ({@link RedisKeyFingerprintRegistry}), on one connection
 * of its own made with the application's lettuce beans: a {@link RedisClient} with a {@link RedisURI} (the hash's
 * target is the URI's host and port), else a {@link RedisClusterClient}. A {@code StatefulConnection} bean is not used:
 * its codec is the application's, and the registry needs strings. Redis' {@code TIME} on the same connection is the
 * reference clock.
 *
 * <p>Added by the deployment module only when both lettuce-core and java-jwt are on the class path.
 */
@Singleton
public class LettuceJwtRegistry implements JwtRegistrySource {

    private static final Logger logger = Logger.getLogger(LettuceJwtRegistry.class);

    private final TimeSource time;

    private final Instance<RedisClient> clients;

    private final Instance<RedisURI> uris;

    private final Instance<RedisClusterClient> clusterClients;

    private final List<RedisKeyFingerprintRegistry> opened = new ArrayList<>();

    LettuceJwtRegistry(TimeSource time, Instance<RedisClient> clients, Instance<RedisURI> uris,
            Instance<RedisClusterClient> clusterClients) {
        this.time = time;
        this.clients = clients;
        this.uris = uris;
        this.clusterClients = clusterClients;
    }

    @Override
    public synchronized Optional<Registry> open(String key, Duration ttl) {
        RedisKeyFingerprintRegistry registry;
        if (this.clients.isResolvable() && this.uris.isResolvable()) {
            RedisURI uri = ClientProxy.unwrap(this.uris.get());
            String target = (uri.getHost() != null) ? uri.getHost() + ":" + uri.getPort()
                    : (uri.getSentinelMasterId() != null) ? "sentinel master " + uri.getSentinelMasterId() : null;
            registry = new RedisKeyFingerprintRegistry(RedisConnector.of(ClientProxy.unwrap(this.clients.get()), uri),
                    key, ttl, this.time, target);
        }
        else if (this.clusterClients.isResolvable()) {
            registry = new RedisKeyFingerprintRegistry(RedisConnector.of(ClientProxy.unwrap(this.clusterClients.get())),
                    key, ttl, this.time, "redis cluster");
        }
        else {
            logger.debug("No lettuce RedisClient with a RedisURI, nor a RedisClusterClient: the jwt check compares no"
                    + " instances");
            return Optional.empty();
        }
        this.opened.add(registry);
        return Optional.of(new Registry(registry, registry.serverClock()));
    }

    /** Closes the registries' own connections (never the application's client). */
    @PreDestroy
    synchronized void close() {
        this.opened.forEach(RedisKeyFingerprintRegistry::close);
        this.opened.clear();
    }
}

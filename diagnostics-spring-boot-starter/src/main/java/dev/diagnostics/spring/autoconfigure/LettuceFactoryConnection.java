package dev.diagnostics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.diagnostics.redis.RedisConnector;

/**
 * How the {@code redis} check reaches the Redis of the application's {@link LettuceConnectionFactory}: through the
 * factory's own native client (its client resources, options, TLS and timeouts), on one connection of the check's
 * own that the check opens when it first runs and keeps.
 *
 * <p>A standalone, socket or Sentinel client needs the address of the server; the factory builds that
 * {@link RedisURI} privately, so it is rebuilt here from the same configuration: host, port, database, username,
 * password, SSL (with its verify mode and StartTLS) and client name, or the Sentinel nodes, master and their
 * credentials. A Cluster client already holds its seed nodes.
 *
 * <p>Not the factory's shared native connection: that one is reachable only from a subclass, exists only while
 * connection sharing is on, and carries the application's traffic, so the check's PING would queue behind the
 * application's commands (and report their slowness as the server's) while a stuck check would delay them.
 */
final class LettuceFactoryConnection implements RedisConnector {

    private final LettuceConnectionFactory factory;

    private final RedisURI uri;

    private LettuceFactoryConnection(LettuceConnectionFactory factory, RedisURI uri) {
        this.factory = factory;
        this.uri = uri;
    }

    static LettuceFactoryConnection of(LettuceConnectionFactory factory) {
        return new LettuceFactoryConnection(factory, factory.isClusterAware() ? null : uri(factory));
    }

    /**
     * The native client, resolved on each connect: a factory that starts late ({@code early-startup} off) has none
     * before it starts, and a restarted factory has a new one.
     */
    @Override
    public CompletionStage<? extends StatefulConnection<?, ?>> connect() {
        AbstractRedisClient client;
        try {
            client = this.factory.getRequiredNativeClient();
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
        if (client instanceof RedisClusterClient cluster) {
            return RedisConnector.of(cluster).connect();
        }
        return RedisConnector.of((RedisClient) client, this.uri).connect();
    }

    /** The native client if the factory has started, for the causes of reconnect failures; else {@code null}. */
    AbstractRedisClient clientIfStarted() {
        return this.factory.getNativeClient();
    }

    /** Where the check connects, without credentials: {@code host:port}, a socket path or Sentinel/Cluster nodes. */
    static String target(LettuceConnectionFactory factory) {
        if (factory.isClusterAware()) {
            RedisClusterConfiguration cluster = factory.getClusterConfiguration();
            return "cluster " + nodes(cluster.getClusterNodes());
        }
        if (factory.isRedisSentinelAware()) {
            RedisSentinelConfiguration sentinel = factory.getSentinelConfiguration();
            return "sentinel master " + sentinel.getRequiredMaster().getName() + " via "
                    + nodes(sentinel.getSentinels());
        }
        RedisSocketConfiguration socket = factory.getSocketConfiguration();
        if (socket != null) {
            return socket.getSocket();
        }
        RedisStandaloneConfiguration standalone = factory.getStandaloneConfiguration();
        return hostAndPort(standalone.getHostName(), standalone.getPort());
    }

    /** The passwords the check must never show, wherever a driver message might repeat them. */
    static List<String> secrets(LettuceConnectionFactory factory) {
        List<String> secrets = new ArrayList<>();
        if (factory.isClusterAware()) {
            add(secrets, factory.getClusterConfiguration().getPassword());
        }
        else if (factory.isRedisSentinelAware()) {
            add(secrets, factory.getSentinelConfiguration().getPassword());
            add(secrets, factory.getSentinelConfiguration().getSentinelPassword());
        }
        else if (factory.getSocketConfiguration() != null) {
            add(secrets, factory.getSocketConfiguration().getPassword());
        }
        else {
            add(secrets, factory.getStandaloneConfiguration().getPassword());
        }
        return secrets;
    }

    static RedisURI uri(LettuceConnectionFactory factory) {
        LettuceClientConfiguration client = factory.getClientConfiguration();
        RedisURI.Builder builder;
        String username;
        RedisPassword password;
        int database;
        if (factory.isRedisSentinelAware()) {
            RedisSentinelConfiguration sentinel = factory.getSentinelConfiguration();
            builder = RedisURI.builder().withSentinelMasterId(sentinel.getRequiredMaster().getName());
            for (RedisNode node : sentinel.getSentinels()) {
                RedisURI.Builder sentinelUri = RedisURI.Builder.redis(node.getHost(), node.getPort());
                if (sentinel.getSentinelPassword().isPresent()) {
                    char[] sentinelPassword = sentinel.getSentinelPassword().get();
                    if (sentinel.getSentinelUsername() != null) {
                        sentinelUri.withAuthentication(sentinel.getSentinelUsername(), sentinelPassword);
                    }
                    else {
                        sentinelUri.withPassword(sentinelPassword);
                    }
                }
                tls(sentinelUri, client);
                builder.withSentinel(sentinelUri.build());
            }
            username = sentinel.getUsername();
            password = sentinel.getPassword();
            database = sentinel.getDatabase();
        }
        else if (factory.getSocketConfiguration() != null) {
            RedisSocketConfiguration socket = factory.getSocketConfiguration();
            builder = RedisURI.Builder.socket(socket.getSocket());
            username = socket.getUsername();
            password = socket.getPassword();
            database = socket.getDatabase();
        }
        else {
            RedisStandaloneConfiguration standalone = factory.getStandaloneConfiguration();
            builder = RedisURI.Builder.redis(standalone.getHostName(), standalone.getPort());
            username = standalone.getUsername();
            password = standalone.getPassword();
            database = standalone.getDatabase();
        }
        if (password != null && password.isPresent()) {
            if (username != null) {
                builder.withAuthentication(username, password.get());
            }
            else {
                builder.withPassword(password.get());
            }
        }
        builder.withDatabase(database);
        tls(builder, client);
        client.getClientName().ifPresent(builder::withClientName);
        // Lettuce's default for commands on this connection; the check bounds each probe by its own deadline.
        builder.withTimeout(client.getCommandTimeout());
        return builder.build();
    }

    private static void tls(RedisURI.Builder builder, LettuceClientConfiguration client) {
        if (client.isUseSsl()) {
            builder.withSsl(true).withVerifyPeer(client.getVerifyMode()).withStartTls(client.isStartTls());
        }
    }

    private static void add(List<String> secrets, RedisPassword password) {
        if (password != null && password.isPresent()) {
            secrets.add(new String(password.get()));
        }
    }

    private static String nodes(Iterable<RedisNode> nodes) {
        List<String> addresses = new ArrayList<>();
        nodes.forEach((node) -> addresses.add(hostAndPort(node.getHost(), node.getPort())));
        return addresses.stream().collect(Collectors.joining(","));
    }

    private static String hostAndPort(String host, Integer port) {
        String shown = (host != null && host.indexOf(':') >= 0) ? "[" + host + "]" : host;
        return shown + ":" + port;
    }

    @Override
    public String toString() {
        return "LettuceFactoryConnection[" + target(this.factory) + "]";
    }
}

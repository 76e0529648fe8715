package dev.diagnostics.redis;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;

/** A connection of the check's own, from the application's client and a URI. */
final class UriRedisConnector implements RedisConnector {

    private final RedisClient client;

    private final RedisURI uri;

    UriRedisConnector(RedisClient client, RedisURI uri) {
        this.client = client;
        this.uri = uri;
    }

    @Override
    public CompletionStage<? extends StatefulConnection<?, ?>> connect() {
        return this.client.connectAsync(StringCodec.UTF8, this.uri);
    }

    /** host:port, or the socket path; never user info. */
    String target() {
        if (this.uri.getSocket() != null) {
            return this.uri.getSocket();
        }
        if (this.uri.getHost() != null) {
            return this.uri.getHost() + ":" + this.uri.getPort();
        }
        return (this.uri.getSentinelMasterId() != null) ? "sentinel master " + this.uri.getSentinelMasterId() : null;
    }

    /** The URI's static password, to mask it; {@code null} when it has none or it comes from a dynamic provider. */
    String password() {
        if (this.uri.getCredentialsProvider() instanceof RedisCredentialsProvider.ImmediateRedisCredentialsProvider
                immediate) {
            RedisCredentials credentials = immediate.resolveCredentialsNow();
            if (credentials != null && credentials.hasPassword()) {
                return new String(credentials.getPassword());
            }
        }
        return null;
    }

    /** Whether a lettuce event's remote address is this URI's host and port (any address without one matches). */
    boolean matches(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || this.uri.getHost() == null) {
            return true;
        }
        return inet.getPort() == this.uri.getPort() && (inet.getHostString().equalsIgnoreCase(this.uri.getHost())
                || (inet.getAddress() != null && inet.getAddress().getHostAddress().equals(this.uri.getHost())));
    }

    @Override
    public String toString() {
        return "UriRedisConnector[" + target() + "]";
    }
}

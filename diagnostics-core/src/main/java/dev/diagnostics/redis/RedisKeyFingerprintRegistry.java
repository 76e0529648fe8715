package dev.diagnostics.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.diagnostics.jwt.KeyAnnouncement;
import dev.diagnostics.jwt.KeyFingerprintRegistry;
import dev.diagnostics.jwt.ReferenceClock;
import dev.diagnostics.time.TimeSource;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * The instances' JWT key announcements in one Redis hash (one key, so it works on a cluster too): field = instance
 * id, value = {@code fingerprint|algorithm|publishedAtMillis}. Each publish refreshes the field and the hash's
 * expiry (TTL); a reader leaves out fields older than the TTL by its clock and deletes them. The key must be unique to
 * the service (default {@code diagnostics:jwt:<service>}), so different services never compare their keys.
 *
 * <p>Connects lazily through its {@link RedisConnector} with a string codec, on one connection of its own, with at
 * most one attempt in flight. {@link #serverClock()} reads Redis' {@code TIME} on the same connection.
 * Thread-safe; {@link #close()} closes the connection it opened.
 */
public final class RedisKeyFingerprintRegistry implements KeyFingerprintRegistry, AutoCloseable {

    private final RedisConnector connector;

    private final String key;

    private final Duration ttl;

    private final TimeSource time;

    private final String target;

    private final boolean ownsConnection;

    private CompletableFuture<? extends StatefulConnection<?, ?>> connection;

    /**
     * @param connector how to connect (its connection must use a string codec: those of {@link RedisConnector#of}
     * with a client do)
     * @param key the hash's key, unique to the service
     * @param ttl how long an announcement stays live
     * @param time the clock that ages announcements
     * @param target where Redis is, for results ({@code 127.0.0.1:6379}); never a URI with a password
     */
    public RedisKeyFingerprintRegistry(RedisConnector connector, String key, Duration ttl, TimeSource time,
            String target) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.key = Objects.requireNonNull(key, "key");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.time = Objects.requireNonNull(time, "time");
        String shown = (target != null) ? target
                : (connector instanceof UriRedisConnector uri && uri.target() != null) ? uri.target() : "redis";
        this.target = shown;
        this.ownsConnection = !(connector instanceof ApplicationRedisConnector);
    }

    @Override
    public CompletionStage<Void> publish(KeyAnnouncement announcement, Duration ttl) {
        return commands().thenCompose((commands) -> {
            CompletableFuture<?> set = commands.hset(this.key, announcement.instanceId(), announcement.encode())
                    .toCompletableFuture();
            CompletableFuture<?> expire = commands.pexpire(this.key, ttl.toMillis()).toCompletableFuture();
            return CompletableFuture.allOf(set, expire);
        });
    }

    @Override
    public List<KeyAnnouncement> live(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        RedisClusterAsyncCommands<String, String> commands = commands().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        Map<String, String> fields = commands.hgetall(this.key).toCompletableFuture()
                .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        Instant oldest = this.time.now().minus(this.ttl);
        List<KeyAnnouncement> live = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        fields.forEach((instance, value) -> {
            KeyAnnouncement announcement = KeyAnnouncement.decode(instance, value);
            if (announcement == null || announcement.publishedAt().isBefore(oldest)) {
                dead.add(instance);
            }
            else {
                live.add(announcement);
            }
        });
        if (!dead.isEmpty()) {
            commands.hdel(this.key, dead.toArray(String[]::new));
        }
        return live;
    }

    /** Redis' {@code TIME}, on this registry's connection. */
    public ReferenceClock serverClock() {
        return new ReferenceClock() {
            @Override
            public Instant now(Duration timeout) throws Exception {
                long deadline = System.nanoTime() + timeout.toNanos();
                RedisClusterAsyncCommands<String, String> commands = commands().get(timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
                List<String> time = commands.time().toCompletableFuture()
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1000);
            }

            @Override
            public String describe() {
                return "Redis TIME at " + RedisKeyFingerprintRegistry.this.target;
            }
        };
    }

    @Override
    public String describe() {
        return "redis " + this.target + " key " + this.key;
    }

    @SuppressWarnings("unchecked")
    private synchronized CompletableFuture<RedisClusterAsyncCommands<String, String>> commands() {
        CompletableFuture<? extends StatefulConnection<?, ?>> current = this.connection;
        boolean usable = current != null && (!current.isDone()
                || (!current.isCompletedExceptionally() && current.join().isOpen()));
        if (!usable) {
            current = this.connector.connect().toCompletableFuture();
            this.connection = current;
        }
        return current.thenApply((open) -> {
            if (open instanceof StatefulRedisClusterConnection<?, ?> cluster) {
                return (RedisClusterAsyncCommands<String, String>) cluster.async();
            }
            if (open instanceof StatefulRedisConnection<?, ?> standalone) {
                return (RedisClusterAsyncCommands<String, String>) standalone.async();
            }
            throw new IllegalStateException("Unsupported Redis connection " + open.getClass().getName());
        });
    }

    @Override
    public synchronized void close() {
        if (this.ownsConnection && this.connection != null && this.connection.isDone()
                && !this.connection.isCompletedExceptionally()) {
            this.connection.join().closeAsync();
        }
        this.connection = null;
    }

    @Override
    public String toString() {
        return "RedisKeyFingerprintRegistry[" + describe() + "]";
    }
}

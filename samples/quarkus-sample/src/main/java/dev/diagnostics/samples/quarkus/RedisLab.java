package dev.diagnostics.samples.quarkus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Fills a private Redis's memory so the {@code redis} check shows maxmemory pressure and then the OOM diagnosis. It
 * refuses any Redis that is not on a loopback address or that has no {@code maxmemory}: filling a shared Redis, or
 * one that would grow until the machine swaps, is not a lab.
 */
@Singleton
public class RedisLab {

    static final String KEY_PREFIX = "diagnostics-lab:fill:";

    /**
     * Values of 16 KB, 64 to the megabyte. Not 1 MB: on Netty 4.2 inside Quarkus (which sets
     * io.netty.allocator.maxOrder=3, 64 KB chunks) a lettuce command above 64 KB fails in Netty's buffer cleaner
     * ({@code CleanerJava9.INVOKE_CLEANER is null}) and the connection is closed.
     */
    private static final int VALUE_BYTES = 16 * 1024;

    private static final int VALUES_PER_MEGABYTE = 1024 * 1024 / VALUE_BYTES;

    private final Instance<RedisClient> clients;

    private final Instance<RedisURI> uris;

    private StatefulRedisConnection<String, String> connection;

    RedisLab(Instance<RedisClient> clients, Instance<RedisURI> uris) {
        this.clients = clients;
        this.uris = uris;
    }

    /** Why the lab may not fill this Redis, or null when it may. */
    synchronized String refusal() {
        if (!this.clients.isResolvable() || !this.uris.isResolvable()) {
            return "no Redis configured: set REDIS_URL (or sample.redis.url)";
        }
        RedisURI uri = this.uris.get();
        if (uri.getHost() == null || !isLoopback(uri.getHost())) {
            return "only a Redis on a loopback address is filled; this one is not";
        }
        String maxmemory = commands().configGet("maxmemory").get("maxmemory");
        if (maxmemory == null || "0".equals(maxmemory)) {
            return "this Redis has no maxmemory: start a private one with"
                    + " 'redis-server --port 6390 --maxmemory 20mb --maxmemory-policy noeviction'";
        }
        return null;
    }

    /** Writes up to {@code megabytes} MB; returns how much Redis took and the error that stopped it. */
    synchronized Map<String, Object> fill(int megabytes) {
        RedisCommands<String, String> commands = commands();
        String value = "x".repeat(VALUE_BYTES);
        int written = 0;
        String stoppedBy = null;
        for (int i = 0; i < megabytes * VALUES_PER_MEGABYTE; i++) {
            try {
                commands.set(KEY_PREFIX + System.nanoTime(), value);
                written++;
            }
            catch (RuntimeException ex) {
                stoppedBy = ex.getMessage();
                break;
            }
        }
        double writtenMb = Math.round(written * 10.0 / VALUES_PER_MEGABYTE) / 10.0;
        return (stoppedBy != null) ? Map.of("writtenMb", writtenMb, "stoppedBy", stoppedBy)
                : Map.of("writtenMb", writtenMb);
    }

    /** Deletes what {@link #fill} wrote; returns how many keys. */
    synchronized long clear() {
        if (!this.clients.isResolvable() || !this.uris.isResolvable()) {
            return 0;
        }
        RedisCommands<String, String> commands = commands();
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> keys = commands.scan(cursor, ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(500));
            if (!keys.getKeys().isEmpty()) {
                deleted += commands.unlink(keys.getKeys().toArray(String[]::new));
            }
            cursor = keys;
        }
        while (!cursor.isFinished());
        return deleted;
    }

    private RedisCommands<String, String> commands() {
        if (this.connection == null) {
            this.connection = this.clients.get().connect(this.uris.get());
            // A lab request must not hang for lettuce's default 60 s.
            this.connection.setTimeout(Duration.ofSeconds(5));
        }
        return this.connection.sync();
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (this.connection != null) {
            this.connection.close();
        }
    }
}

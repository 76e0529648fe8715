package dev.diagnostics.sample.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

/**
 * Fills the configured Redis with the lab's keys until it runs out of memory, and deletes them again. To never harm a
 * real Redis it refuses unless Redis runs on this machine (a loopback address, standalone), has a {@code maxmemory}
 * and the {@code noeviction} policy (any other policy would evict other clients' keys instead of failing).
 */
@Component
class RedisLab {

    private static final Logger logger = LoggerFactory.getLogger(RedisLab.class);

    static final String KEY_PREFIX = "diagnostics-lab:fill:";

    private static final int[] VALUE_SIZES = { 64 * 1024, 64 };

    private static final Duration QUERY_BUFFER_TRIM = Duration.ofMillis(2500);

    private final ObjectProvider<LettuceConnectionFactory> connectionFactory;

    RedisLab(ObjectProvider<LettuceConnectionFactory> connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    boolean isConfigured() {
        return this.connectionFactory.getIfAvailable() != null;
    }

    /** Whether the lab's keys are in Redis; false when Redis is not configured or not reachable. */
    boolean isFilled() {
        LettuceConnectionFactory factory = this.connectionFactory.getIfAvailable();
        if (factory == null) {
            return false;
        }
        try (RedisConnection connection = factory.getConnection();
                Cursor<byte[]> keys = connection.keyCommands().scan(pattern())) {
            return keys.hasNext();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    /**
     * Writes up to {@code megabytes} of lab keys, stopping at Redis' first OOM error.
     *
     * @throws Refused when Redis is not configured or not a safe target
     */
    Filled fill(int megabytes) throws InterruptedException {
        LettuceConnectionFactory factory = safeTarget();
        try (RedisConnection connection = factory.getConnection()) {
            Properties memory = connection.serverCommands().info("memory");
            long maxmemory = Long.parseLong(memory.getProperty("maxmemory", "0"));
            String policy = memory.getProperty("maxmemory_policy", "");
            if (maxmemory <= 0) {
                throw new Refused("this Redis has no maxmemory: filling it would only take the machine's memory."
                        + " Start a private one: redis-server --port 6390 --maxmemory 2mb"
                        + " --maxmemory-policy noeviction --save ''");
            }
            if (!"noeviction".equals(policy)) {
                throw new Refused("this Redis evicts keys (maxmemory-policy " + policy + "): filling it would delete"
                        + " other clients' data. The lab needs --maxmemory-policy noeviction");
            }
            // Large values first, then ever smaller ones once Redis refuses. Redis counts a client's query buffer
            // as used memory: after a refused 64 KB write the buffer still holds that much, until Redis trims it
            // about 2 s later. Only small writes after that take Redis all the way to its maxmemory.
            long target = (long) megabytes * 1024 * 1024;
            long written = 0;
            int keys = 0;
            String oom = null;
            for (int size : VALUE_SIZES) {
                byte[] value = new byte[size];
                Arrays.fill(value, (byte) 'x');
                while (written < target) {
                    try {
                        connection.stringCommands().set(key(keys), value);
                    }
                    catch (DataAccessException ex) {
                        oom = oomMessage(ex);
                        if (oom == null) {
                            throw ex;
                        }
                        if (size != VALUE_SIZES[VALUE_SIZES.length - 1]) {
                            Thread.sleep(QUERY_BUFFER_TRIM.toMillis());
                        }
                        break;
                    }
                    written += value.length;
                    keys++;
                }
            }
            logger.info("Redis lab wrote {} keys ({} bytes){}", keys, written, (oom != null) ? ", then OOM" : "");
            return new Filled(keys, written, maxmemory, policy, oom != null, oom);
        }
    }

    /** Deletes every lab key; 0 when Redis is not configured. */
    long clear() {
        LettuceConnectionFactory factory = this.connectionFactory.getIfAvailable();
        if (factory == null) {
            return 0;
        }
        long deleted = 0;
        try (RedisConnection connection = factory.getConnection()) {
            List<byte[]> batch = new ArrayList<>();
            try (Cursor<byte[]> keys = connection.keyCommands().scan(pattern())) {
                while (keys.hasNext()) {
                    batch.add(keys.next());
                }
            }
            for (int from = 0; from < batch.size(); from += 500) {
                List<byte[]> part = batch.subList(from, Math.min(batch.size(), from + 500));
                Long count = connection.keyCommands().del(part.toArray(new byte[0][]));
                deleted += (count != null) ? count : 0;
            }
        }
        return deleted;
    }

    private LettuceConnectionFactory safeTarget() {
        LettuceConnectionFactory factory = this.connectionFactory.getIfAvailable();
        if (factory == null) {
            throw new Refused("Redis is not configured: start the sample with SPRING_PROFILES_ACTIVE=redis and"
                    + " SPRING_DATA_REDIS_URL=redis://127.0.0.1:6390");
        }
        if (factory.isClusterAware() || factory.isRedisSentinelAware() || factory.getSocketConfiguration() != null) {
            throw new Refused("the lab fills only a standalone Redis on this machine");
        }
        String host = factory.getStandaloneConfiguration().getHostName();
        if (!isLoopback(host)) {
            throw new Refused("Redis at '" + host + "' is not on this machine (loopback): the lab never fills a"
                    + " shared Redis");
        }
        return factory;
    }

    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    private static String oomMessage(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("OOM")) {
                return message.substring(message.indexOf("OOM"));
            }
        }
        return null;
    }

    private static byte[] key(int index) {
        return (KEY_PREFIX + index).getBytes(StandardCharsets.UTF_8);
    }

    private static ScanOptions pattern() {
        return ScanOptions.scanOptions().match(KEY_PREFIX + "*").count(1000).build();
    }

    /** What a fill did. */
    record Filled(int keys, long bytes, long maxmemory, String policy, boolean outOfMemory, String redisError) {
    }

    /** The lab will not touch this Redis; the message says why. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}

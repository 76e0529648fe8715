package dev.diagnostics.jwt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where the instances of one service announce which JWT key they use and read each other's announcements, so the
 * {@code jwt} check can tell when they disagree. Implementations: {@link InMemoryKeyFingerprintRegistry} (one JVM,
 * tests) and {@code dev.diagnostics.redis.RedisKeyFingerprintRegistry} (shared by every instance).
 *
 * <p>An announcement lives for the TTL given with it: an instance that stops publishing (it died) drops out of the
 * comparison after that long. Implementations must be thread-safe.
 */
public interface KeyFingerprintRegistry {

    /**
     * Publishes or refreshes this instance's announcement. Must not block: it is called from the time source's timer
     * thread.
     *
     * @param ttl how long the announcement stays live without being refreshed
     * @return completes when stored, or exceptionally with the reason
     */
    CompletionStage<Void> publish(KeyAnnouncement announcement, Duration ttl);

    /**
     * The live announcements of every instance, this one included. Entries older than their TTL by the reader's
     * clock are left out.
     *
     * @param timeout how long to wait for the registry at most
     * @throws Exception when the registry does not answer in time or fails; the check reports it, never a DOWN
     */
    List<KeyAnnouncement> live(Duration timeout) throws Exception;

    /** What this registry is, for results: {@code redis 127.0.0.1:6379 key diagnostics:jwt:orders}. No secrets. */
    String describe();
}

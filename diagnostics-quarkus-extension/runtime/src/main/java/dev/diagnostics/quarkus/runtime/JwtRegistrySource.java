package dev.diagnostics.quarkus.runtime;

import java.time.Duration;
import java.util.Optional;

import dev.diagnostics.jwt.KeyFingerprintRegistry;
import dev.diagnostics.jwt.ReferenceClock;

/**
 * Where the {@code jwt} check's registry comes from: the lettuce integration, when lettuce-core is present, opens one
 * in the application's Redis. Without it, or without a lettuce bean to connect with, instances are not compared.
 */
public interface JwtRegistrySource {

    /**
     * The registry in a Redis hash, with Redis' {@code TIME} as a reference clock; empty when the application provides
     * no lettuce client to connect with. Connects lazily; the source closes what it opened on shutdown.
     *
     * @param key the hash's key, unique to the service
     * @param ttl how long an announcement stays live
     */
    Optional<Registry> open(String key, Duration ttl);

    /** An open registry and the clock of the same Redis. */
    record Registry(KeyFingerprintRegistry registry, ReferenceClock clock) {
    }
}

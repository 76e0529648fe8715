package dev.diagnostics.jwt;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that other instances share, to tell this instance's clock skew: tokens minted by an instance whose clock is
 * ahead look "not yet valid" here once the skew exceeds the verifier's leeway. The Redis server's {@code TIME} is one
 * ({@code dev.diagnostics.redis.RedisServerClock}).
 */
public interface ReferenceClock {

    /**
     * The reference time now.
     *
     * @param timeout how long to wait at most
     * @throws Exception when it does not answer in time
     */
    Instant now(Duration timeout) throws Exception;

    /** What the clock is, for results: {@code redis TIME at 127.0.0.1:6379}. */
    String describe();
}

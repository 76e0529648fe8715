package dev.diagnostics.pool;

import java.time.Duration;

/**
 * A read-only view of one connection pool (HikariCP, Agroal, ...): the small abstraction every pool diagnostic
 * works through. Each getter is a cheap read of the pool's own counters, safe to call from any thread, without
 * allocating.
 */
public interface PoolView {

    /** The pool's name, used as the {@code pool} tag and in messages. */
    String name();

    /** Connections lent out now. */
    int active();

    /** Connections open and waiting to be lent. */
    int idle();

    /** Connections open now (active + idle). */
    int total();

    /** The most connections the pool will open. */
    int max();

    /** Threads waiting for a connection now. */
    int waiting();

    /**
     * How long a thread waits for a connection before the pool gives up (HikariCP's connectionTimeout, Agroal's
     * acquisitionTimeout); {@code null} when unknown.
     */
    Duration acquireTimeout();

    /**
     * Who holds the borrowed connections; {@code null} when the pool could not be instrumented (for example a
     * HikariCP pool that was already running with another metrics tracker).
     */
    ConnectionHolders holders();

    /**
     * Whether the pool reports acquire timeouts to {@link ConnectionHolders#acquireTimedOut()} (HikariCP does; Agroal
     * has no hook for it). When not, no timeout count is shown rather than a misleading zero.
     *
     * @return {@code true} by default
     */
    default boolean countsAcquireTimeouts() {
        return true;
    }
}

package dev.diagnostics.metrics;

/** Every meter name the library registers, in one place. Names are lowercase and dot-separated. */
public final class MeterNames {

    /**
     * Gauge, tags {@code check} and {@code status}: 1 for the check's current reported status, 0 for the others
     * (one series per status, so alerts can match {@code status="DOWN"}).
     */
    public static final String CHECK_STATUS = "diagnostics.check.status";

    /** Timer, tags {@code check} and {@code status}: how long each run of a check took. */
    public static final String CHECK_DURATION = "diagnostics.check.duration";

    /** Counter, tags {@code check}, {@code from} and {@code to}: reported status transitions. */
    public static final String CHECK_TRANSITIONS = "diagnostics.check.transitions";

    /** Gauge, tag {@code pool}: threads waiting for a connection now. */
    public static final String POOL_WAITING = "diagnostics.pool.waiting";

    /** Function counter, tag {@code pool}: threads that gave up waiting for a connection (acquire timeouts). */
    public static final String POOL_ACQUIRE_TIMEOUTS = "diagnostics.pool.acquire.timeouts";

    /** Gauge, tag {@code pool}: connections held longer than the leak threshold now. */
    public static final String POOL_LEAKS_SUSPECTED = "diagnostics.pool.leaks.suspected";

    /** Time gauge in seconds, tag {@code pool}: how long the longest current holder has held its connection. */
    public static final String POOL_LONGEST_HOLD = "diagnostics.pool.hold.longest";

    /** Function counter, tag {@code pool}: exhaustion episodes seen by the detector. */
    public static final String POOL_EXHAUSTIONS = "diagnostics.pool.exhaustions";

    /** Timer, tag {@code redis}: PING round trip of each redis probe that got an answer. */
    public static final String REDIS_PING = "diagnostics.redis.ping";

    /** Gauge, tag {@code redis}: used_memory / maxmemory (NaN when no maxmemory is set). */
    public static final String REDIS_MEMORY_RATIO = "diagnostics.redis.memory.ratio";

    private MeterNames() {
    }
}

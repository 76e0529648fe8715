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

    /** Function counter, tag {@code reason} ({@code expired}, {@code bad-signature}, ...): tokens rejected. */
    public static final String JWT_FAILURES = "diagnostics.jwt.failures";
    /** Gauge: the memory watch level, 0 OK, 1 WARN, 2 CRITICAL. */
    public static final String MEMORY_LEVEL = "diagnostics.memory.level";

    /** Gauge: old generation occupancy after GC as a share of its maximum (NaN before the first collection). */
    public static final String MEMORY_OLD_GEN_AFTER_GC = "diagnostics.memory.old.after.gc";

    /** Gauge, bytes per second: slope of the old generation's post-GC floor over the trend window. */
    public static final String MEMORY_OLD_GEN_GROWTH = "diagnostics.memory.old.growth";

    /** Gauge: share of wall time spent in GC over the GC-overhead window. */
    public static final String MEMORY_GC_OVERHEAD = "diagnostics.memory.gc.overhead";

    /** Gauge, bytes: resident set size of the process (NaN where /proc is not available). */
    public static final String MEMORY_RSS = "diagnostics.memory.rss";

    /** Gauge, bytes: the container's memory limit (NaN without one). */
    public static final String MEMORY_LIMIT = "diagnostics.memory.limit";

    /** Function counter: heap dumps written by the memory watch. */
    public static final String MEMORY_HEAP_DUMPS = "diagnostics.memory.heap.dumps";

    /**
     * Distribution summary, bytes, tag {@code route} (the framework's route template, {@code UNKNOWN} or
     * {@code OTHER}): bytes allocated by the thread that served each request.
     */
    public static final String MEMORY_REQUEST_ALLOCATION = "diagnostics.memory.request.allocation";

    /** Counter: requests answered 503 by memory load shedding while the level was CRITICAL. */
    public static final String MEMORY_REQUESTS_SHED = "diagnostics.memory.requests.shed";
    /** Gauge in bytes, tag {@code path}: usable space of the file store holding a path of the diskSpace check. */
    public static final String DISK_FREE = "diagnostics.disk.free";

    /** Gauge in bytes, tag {@code path}: size of the file store holding a path of the diskSpace check. */
    public static final String DISK_TOTAL = "diagnostics.disk.total";

    /**
     * Gauge in days, tag {@code source}: days until the first certificate of a TLS source or endpoint expires, at the
     * tls check's last run (negative once expired; NaN before the first run or when it cannot be read).
     */
    public static final String TLS_DAYS_LEFT = "diagnostics.tls.days.left";

    /** Timer, tag {@code target}: TCP connect time of each tcp check target that connected. */
    public static final String TCP_CONNECT = "diagnostics.tcp.connect";

    /** Gauge, no tags: process CPU load over the cpu check's last window, in [0, 1]. */
    public static final String CPU_LOAD = "diagnostics.cpu.load";

    /**
     * Timer, tags {@code method} (GET, POST, ..., {@code OTHER}), {@code route} (the framework's route template,
     * {@code UNKNOWN} or {@code OTHER}), {@code status} and {@code outcome} (SUCCESS, CLIENT_ERROR, SERVER_ERROR, ...):
     * duration of each HTTP request, from the timing filter.
     */
    public static final String HTTP_SERVER_DURATION = "diagnostics.http.server.duration";

    /** Timer, tags {@code section} (the {@code @TimedSection} name) and {@code outcome} (SUCCESS, ERROR): timed methods. */
    public static final String METHOD_DURATION = "diagnostics.method.duration";

    /** Counter, tag {@code pool}: statements that ran at least the slow-query threshold. */
    public static final String JDBC_SLOW_QUERIES = "diagnostics.jdbc.slow.queries";

    private MeterNames() {
    }
}

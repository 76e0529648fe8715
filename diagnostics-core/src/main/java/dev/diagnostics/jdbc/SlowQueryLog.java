package dev.diagnostics.jdbc;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.TimeSource;
import dev.diagnostics.timing.SlowLogLimiter;
import dev.diagnostics.timing.TimingConfig;

/**
 * The slow-query log: each statement execution at least the threshold long (default 500 ms) is counted in
 * {@code diagnostics.jdbc.slow.queries} (tag {@code pool}) and logged once, as one line with the pool, the duration,
 * the rows (the update count of an update or batch; a query's rows are not known when it returns, so they are not
 * shown), whether it failed, and the SQL with every literal removed ({@link SqlLiterals}). Bind parameter values are
 * never logged. Lines are rate-limited ({@link SlowLogLimiter}); the counter counts all. Fed by the JDBC listener in
 * {@code dev.diagnostics.jdbc.proxy}. Thread-safe.
 */
public final class SlowQueryLog {

    /** The logger of the slow-query log. */
    public static final String LOGGER = "dev.diagnostics.jdbc.slow-queries";

    private static final Logger logger = LoggerFactory.getLogger(LOGGER);

    private final long thresholdNanos;

    private final MeterRegistry registry;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    private final SlowLogLimiter limiter;

    /**
     * @param config the threshold ({@link TimingConfig#slowQueryThreshold()}) and the log limit
     * @param registry where slow statements are counted; {@code null} counts nothing
     * @param time the clock of the log limit
     */
    public SlowQueryLog(TimingConfig config, MeterRegistry registry, TimeSource time) {
        this.thresholdNanos = config.slowQueryThreshold().toNanos();
        this.registry = registry;
        this.limiter = new SlowLogLimiter(Objects.requireNonNull(time, "time"), config.slowLogMaxLines(),
                config.slowLogInterval());
    }

    /** Statements at least this many nanoseconds long are slow. */
    public long thresholdNanos() {
        return this.thresholdNanos;
    }

    /**
     * Reports one statement execution; does something only when it was slow. Never throws.
     *
     * @param pool the data source's name
     * @param sql the statement text as the application wrote it (masked here); for a batch, its statements joined
     * @param nanos how long the execution took
     * @param rows the update count, or -1 when not known
     * @param failed whether it threw
     */
    public void statement(String pool, String sql, long nanos, long rows, boolean failed) {
        if (nanos < this.thresholdNanos) {
            return;
        }
        String poolName = (pool != null && !pool.isEmpty()) ? pool : "default";
        if (this.registry != null) {
            this.counters.computeIfAbsent(poolName, (name) -> Counter.builder(MeterNames.JDBC_SLOW_QUERIES)
                    .description("Statements that ran at least the slow-query threshold")
                    .tag("pool", name)
                    .register(this.registry)).increment();
        }
        if (!logger.isWarnEnabled()) {
            return;
        }
        long dropped = this.limiter.acquire();
        if (dropped < 0) {
            return;
        }
        long tenths = (nanos + 50_000) / 100_000;
        StringBuilder line = new StringBuilder(256).append("slow query: pool=").append(poolName)
                .append(" duration_ms=").append(tenths / 10).append('.').append(tenths % 10)
                .append(" rows=").append((rows >= 0) ? Long.toString(rows) : "unknown")
                .append(" outcome=").append(failed ? "ERROR" : "SUCCESS");
        if (dropped > 0) {
            line.append(" unlogged_since_last=").append(dropped);
        }
        line.append(" sql=\"").append(SqlLiterals.mask(sql).replace("\"", "\\\"")).append('"');
        logger.warn(line.toString());
    }
}

package dev.diagnostics.pool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.time.TimeSource;

/**
 * Watches a pool on a short tick (default every 250 ms) so exhaustion is noticed within a second of the first
 * waiting thread, not when HikariCP's 30 s connection timeout finally fails a request. Each exhaustion episode is
 * logged once at WARN with who holds the connections, and once at INFO when it ends.
 *
 * <p>A tick reads three counters of the pool without allocating; rescheduling the next tick on the time source
 * allocates its task (about 140 bytes with {@link dev.diagnostics.time.SystemTimeSource}, about 550 bytes a second
 * per pool). Only the WARN line walks the holders' stacks.
 * Thread-safe; {@link #close()} stops the tick.
 */
public final class PoolExhaustionDetector implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PoolExhaustionDetector.class);

    private final PoolView pool;

    private final TimeSource time;

    private final Duration interval;

    private final AtomicLong episodes = new AtomicLong();

    private volatile long waitingSinceNanos;

    private volatile boolean waiting;

    private volatile long exhaustedSinceNanos;

    private volatile boolean exhausted;

    private volatile boolean closed;

    private volatile TimeSource.Cancellable next;

    public PoolExhaustionDetector(PoolView pool, TimeSource time, Duration interval) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.time = Objects.requireNonNull(time, "time");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Starts the tick; returns this. */
    public PoolExhaustionDetector start() {
        schedule();
        return this;
    }

    private void schedule() {
        if (!this.closed) {
            this.next = this.time.schedule(this.interval, this::tick);
        }
    }

    /** Samples the pool once. Called by the tick; public so tests and callers without a timer can drive it. */
    public void tick() {
        try {
            sample();
        }
        catch (RuntimeException ex) {
            logger.debug("Sampling pool '{}' failed", this.pool.name(), ex);
        }
        finally {
            schedule();
        }
    }

    private void sample() {
        int waiting = this.pool.waiting();
        long now = this.time.nanoTime();
        if (waiting > 0) {
            if (!this.waiting) {
                this.waitingSinceNanos = now;
                this.waiting = true;
            }
        }
        else {
            this.waiting = false;
        }
        boolean nowExhausted = waiting > 0 && this.pool.active() >= this.pool.max();
        if (nowExhausted && !this.exhausted) {
            this.exhausted = true;
            this.exhaustedSinceNanos = now;
            this.episodes.incrementAndGet();
            logger.warn("Connection pool '{}' is exhausted: all {} connections are in use and {} threads wait.{}",
                    this.pool.name(), this.pool.max(), waiting, holdersLine());
        }
        else if (!nowExhausted && this.exhausted && waiting == 0) {
            this.exhausted = false;
            logger.info("Connection pool '{}' is no longer exhausted (after {} ms)", this.pool.name(),
                    Duration.ofNanos(now - this.exhaustedSinceNanos).toMillis());
        }
    }

    private String holdersLine() {
        ConnectionHolders holders = this.pool.holders();
        if (holders == null) {
            return "";
        }
        List<ConnectionHolder> snapshot = holders.snapshot();
        StringBuilder line = new StringBuilder(" Holders:");
        for (int i = 0; i < snapshot.size() && i < 5; i++) {
            line.append(i == 0 ? " " : "; ").append(snapshot.get(i).describe());
        }
        if (snapshot.size() > 5) {
            line.append("; and ").append(snapshot.size() - 5).append(" more");
        }
        return line.toString();
    }

    /** Whether the last sample saw every connection in use with threads waiting. */
    public boolean exhausted() {
        return this.exhausted;
    }

    /** Whether the last sample saw threads waiting. */
    public boolean waiting() {
        return this.waiting;
    }

    /** When threads started waiting ({@link TimeSource#nanoTime()}); meaningful while {@link #waiting()}. */
    public long waitingSinceNanos() {
        return this.waitingSinceNanos;
    }

    /** When the current exhaustion began; meaningful while {@link #exhausted()}. */
    public long exhaustedSinceNanos() {
        return this.exhaustedSinceNanos;
    }

    /** Exhaustion episodes seen since start. */
    public long episodes() {
        return this.episodes.get();
    }

    public PoolView pool() {
        return this.pool;
    }

    @Override
    public void close() {
        this.closed = true;
        TimeSource.Cancellable pending = this.next;
        if (pending != null) {
            pending.cancel();
        }
    }
}

package dev.diagnostics.timing;

import java.time.Duration;
import java.util.Objects;

import dev.diagnostics.time.TimeSource;

/**
 * Keeps a slow log from flooding: at most {@code maxLines} lines per interval (a fixed window on the injected clock).
 * Lines over the limit are counted and the count is handed to the next line that may be written, so nothing goes
 * unnoticed. Called only for slow events, so it simply synchronizes. Thread-safe.
 */
public final class SlowLogLimiter {

    private final TimeSource time;

    private final int maxLines;

    private final long intervalNanos;

    private long windowStart;

    private int linesInWindow;

    private long suppressed;

    private boolean started;

    public SlowLogLimiter(TimeSource time, int maxLines, Duration interval) {
        this.time = Objects.requireNonNull(time, "time");
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1, was " + maxLines);
        }
        this.maxLines = maxLines;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Asks to write one line.
     *
     * @return -1 when the line must be dropped (it is counted); otherwise how many lines were dropped since the last
     *         one written (0 mostly), to mention in this line
     */
    public synchronized long acquire() {
        long now = this.time.nanoTime();
        if (!this.started || now - this.windowStart >= this.intervalNanos) {
            this.started = true;
            this.windowStart = now;
            this.linesInWindow = 0;
        }
        if (this.linesInWindow >= this.maxLines) {
            this.suppressed++;
            return -1;
        }
        this.linesInWindow++;
        long dropped = this.suppressed;
        this.suppressed = 0;
        return dropped;
    }
}

package dev.diagnostics.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock, with one daemon thread ({@code diagnostics-timer}) for scheduled tasks. Close it when done.
 * Thread-safe.
 */
public final class SystemTimeSource implements TimeSource, AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    public SystemTimeSource() {
        this.timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
            Thread thread = new Thread(runnable, "diagnostics-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Future<?> future = this.timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        this.timer.shutdownNow();
    }
}

package dev.diagnostics.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the library reads time and schedules delayed work. Production code uses {@link SystemTimeSource}; tests
 * use {@link ManualTimeSource} and advance time by hand, so nothing sleeps.
 */
public interface TimeSource {

    /** Monotonic nanoseconds, for measuring durations (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Wall-clock time, for timestamps. */
    Instant now();

    /**
     * Runs the task once after the delay, on a thread of the time source. The task must be short and must not
     * block.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** A handle to a scheduled task. */
    @FunctionalInterface
    interface Cancellable {

        /** Cancels the task if it has not run yet; does nothing otherwise. */
        void cancel();
    }
}

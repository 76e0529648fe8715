package dev.diagnostics.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told to, for tests: {@link #advance(Duration)} moves time forward and runs, on the
 * calling thread, every scheduled task that has come due, in order. Thread-safe.
 */
public final class ManualTimeSource implements TimeSource {

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            Comparator.comparingLong(Scheduled::dueNanos).thenComparingLong(Scheduled::sequence));

    private long nanos;

    private final Instant origin;

    private long sequence;

    public ManualTimeSource() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualTimeSource(Instant origin) {
        this.origin = origin;
    }

    @Override
    public synchronized long nanoTime() {
        return this.nanos;
    }

    @Override
    public synchronized Instant now() {
        return this.origin.plusNanos(this.nanos);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Scheduled scheduled = new Scheduled(this.nanos + Math.max(0, delay.toNanos()), this.sequence++, task);
        this.queue.add(scheduled);
        return () -> {
            synchronized (this) {
                this.queue.remove(scheduled);
            }
        };
    }

    /** How many scheduled tasks have not run yet. */
    public synchronized int pendingTasks() {
        return this.queue.size();
    }

    /** Moves time forward and runs the tasks that have come due, outside the clock's lock. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Time only moves forward, was " + duration);
        }
        long target;
        synchronized (this) {
            target = this.nanos + duration.toNanos();
        }
        while (true) {
            List<Runnable> due = new ArrayList<>();
            synchronized (this) {
                Scheduled next = this.queue.peek();
                if (next == null || next.dueNanos() > target) {
                    this.nanos = target;
                    return;
                }
                this.nanos = Math.max(this.nanos, next.dueNanos());
                while (!this.queue.isEmpty() && this.queue.peek().dueNanos() <= this.nanos) {
                    due.add(this.queue.poll().task());
                }
            }
            due.forEach(Runnable::run);
        }
    }

    private record Scheduled(long dueNanos, long sequence, Runnable task) {
    }
}

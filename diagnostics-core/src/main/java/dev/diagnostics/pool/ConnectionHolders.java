package dev.diagnostics.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.diagnostics.time.TimeSource;

/**
 * Remembers, for each borrowed connection, the thread that borrowed it and when, so a diagnosis can name who holds
 * the pool's connections and where those threads are now. Pool adapters call {@link #acquired()} on the borrowing
 * thread and {@link #released(long)} on the returning thread.
 *
 * <p>Recording allocates nothing and costs a clock read and a few atomic operations: the holders live in a fixed
 * array of slots, and each thread keeps the indexes of its own slots. No stack trace is taken on acquire; where a
 * holder is now is read only when a check asks ({@link #snapshot()}). Thread-safe.
 */
public final class ConnectionHolders {

    private final TimeSource time;

    private final AtomicReferenceArray<Thread> threads;

    private final AtomicLongArray acquiredAt;

    private final int capacity;

    private final AtomicLong untracked = new AtomicLong();

    private final AtomicLong acquireTimeouts = new AtomicLong();

    private volatile long lastTimeoutNanos;

    private volatile boolean timedOutEver;

    private final ThreadLocal<HeldSlots> held = ThreadLocal.withInitial(HeldSlots::new);

    /**
     * @param time the clock for acquire times
     * @param capacity how many connections can be tracked at once; give the pool's maximum size or more
     */
    public ConnectionHolders(TimeSource time, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.time = time;
        this.capacity = capacity;
        this.threads = new AtomicReferenceArray<>(capacity);
        this.acquiredAt = new AtomicLongArray(capacity);
    }

    /** The current thread borrowed a connection. */
    public void acquired() {
        Thread current = Thread.currentThread();
        long now = this.time.nanoTime();
        int start = (int) (current.getId() % this.capacity);
        for (int i = 0; i < this.capacity; i++) {
            int slot = (start + i) % this.capacity;
            if (this.threads.get(slot) == null && this.threads.compareAndSet(slot, null, current)) {
                this.acquiredAt.set(slot, now);
                this.held.get().push(slot);
                return;
            }
        }
        this.untracked.incrementAndGet();
    }

    /**
     * The current thread returned a connection it held for {@code heldMillis} (as the pool measured it). When the
     * current thread holds several, the one borrowed closest to that time is released; when it holds none (a
     * connection handed to another thread), the tracked connection borrowed closest to that time is.
     */
    public void released(long heldMillis) {
        Thread current = Thread.currentThread();
        long borrowedAround = this.time.nanoTime() - heldMillis * 1_000_000L;
        HeldSlots mine = this.held.get();
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = mine.count - 1; i >= 0; i--) {
            int slot = mine.slots[i];
            if (this.threads.get(slot) != current) {
                mine.remove(i);
                continue;
            }
            long distance = Math.abs(this.acquiredAt.get(slot) - borrowedAround);
            if (distance < bestDistance) {
                best = slot;
                bestDistance = distance;
            }
        }
        if (best >= 0) {
            mine.removeSlot(best);
            this.threads.set(best, null);
            return;
        }
        releaseClosest(borrowedAround);
    }

    private void releaseClosest(long borrowedAround) {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int slot = 0; slot < this.capacity; slot++) {
            if (this.threads.get(slot) != null) {
                long distance = Math.abs(this.acquiredAt.get(slot) - borrowedAround);
                if (distance < bestDistance) {
                    best = slot;
                    bestDistance = distance;
                }
            }
        }
        if (best >= 0) {
            this.threads.set(best, null);
        }
        else if (this.untracked.get() > 0) {
            this.untracked.decrementAndGet();
        }
    }

    /**
     * Forgets the current thread's most recent acquire, for pools that report a failed acquire as an acquire
     * followed by a timeout (HikariCP does).
     */
    public void cancelLastAcquire() {
        Thread current = Thread.currentThread();
        HeldSlots mine = this.held.get();
        while (mine.count > 0) {
            int slot = mine.slots[mine.count - 1];
            mine.count--;
            if (this.threads.get(slot) == current) {
                this.threads.set(slot, null);
                return;
            }
        }
    }

    /** A thread gave up waiting for a connection (the pool's acquire timeout). */
    public void acquireTimedOut() {
        this.lastTimeoutNanos = this.time.nanoTime();
        this.timedOutEver = true;
        this.acquireTimeouts.incrementAndGet();
    }

    /** Acquire timeouts since the pool started. */
    public long acquireTimeouts() {
        return this.acquireTimeouts.get();
    }

    /** Whether an acquire ever timed out. */
    public boolean timedOutEver() {
        return this.timedOutEver;
    }

    /** When the last acquire timeout happened ({@link TimeSource#nanoTime()}); meaningful once {@link #timedOutEver()}. */
    public long lastTimeoutNanos() {
        return this.lastTimeoutNanos;
    }

    /** How long the longest current holder has held its connection; zero when none is held. */
    public long longestHoldNanos() {
        long now = this.time.nanoTime();
        long longest = 0;
        for (int slot = 0; slot < this.capacity; slot++) {
            if (this.threads.get(slot) != null) {
                longest = Math.max(longest, now - this.acquiredAt.get(slot));
            }
        }
        return longest;
    }

    /** How many current holders have held their connection longer than the threshold. */
    public int heldLongerThan(Duration threshold) {
        long now = this.time.nanoTime();
        long limit = threshold.toNanos();
        int count = 0;
        for (int slot = 0; slot < this.capacity; slot++) {
            if (this.threads.get(slot) != null && now - this.acquiredAt.get(slot) > limit) {
                count++;
            }
        }
        return count;
    }

    /** Borrowed connections that could not be tracked because every slot was taken. */
    public long untracked() {
        return this.untracked.get();
    }

    /** The current holders, longest hold first, each with where its thread is now. */
    public List<ConnectionHolder> snapshot() {
        long now = this.time.nanoTime();
        List<ConnectionHolder> holders = new ArrayList<>();
        for (int slot = 0; slot < this.capacity; slot++) {
            Thread thread = this.threads.get(slot);
            if (thread != null) {
                long since = this.acquiredAt.get(slot);
                holders.add(ConnectionHolder.of(thread, Duration.ofNanos(Math.max(0, now - since))));
            }
        }
        holders.sort((a, b) -> b.heldFor().compareTo(a.heldFor()));
        return holders;
    }

    /** The slots a thread holds; grows rarely, never shrinks. Used only by its own thread. */
    private static final class HeldSlots {

        int[] slots = new int[2];

        int count;

        void push(int slot) {
            if (this.count == this.slots.length) {
                this.slots = java.util.Arrays.copyOf(this.slots, this.slots.length * 2);
            }
            this.slots[this.count++] = slot;
        }

        void remove(int index) {
            this.slots[index] = this.slots[--this.count];
        }

        void removeSlot(int slot) {
            for (int i = 0; i < this.count; i++) {
                if (this.slots[i] == slot) {
                    remove(i);
                    return;
                }
            }
        }
    }
}

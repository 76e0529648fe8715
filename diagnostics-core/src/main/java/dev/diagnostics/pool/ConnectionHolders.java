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
 * <p>Recording allocates nothing and costs a clock read and a few atomic operations on borrow, and no clock read on
 * the usual return: the holders live in a fixed array of slots, each on its own cache line, and each thread keeps the
 * indexes of its own slots. No stack trace is taken on acquire; where a
 * holder is now is read only when a check asks ({@link #snapshot()}). Thread-safe.
 */
public final class ConnectionHolders {

    /**
     * Slot i lives at index i * STRIDE of both arrays, so two slots never share a 64-byte cache line: borrowing
     * threads would otherwise invalidate each other's line on every borrow and return.
     */
    private static final int REFERENCE_STRIDE = 16;

    private static final int LONG_STRIDE = 8;

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
        this.threads = new AtomicReferenceArray<>(capacity * REFERENCE_STRIDE);
        this.acquiredAt = new AtomicLongArray(capacity * LONG_STRIDE);
    }

    private Thread holder(int slot) {
        return this.threads.get(slot * REFERENCE_STRIDE);
    }

    private long acquiredAt(int slot) {
        return this.acquiredAt.get(slot * LONG_STRIDE);
    }

    private void free(int slot) {
        this.threads.lazySet(slot * REFERENCE_STRIDE, null);
    }

    /** The current thread borrowed a connection. */
    public void acquired() {
        Thread current = Thread.currentThread();
        long now = this.time.nanoTime();
        int start = (int) (current.getId() % this.capacity);
        for (int i = 0; i < this.capacity; i++) {
            int slot = (start + i) % this.capacity;
            if (holder(slot) == null && this.threads.compareAndSet(slot * REFERENCE_STRIDE, null, current)) {
                this.acquiredAt.lazySet(slot * LONG_STRIDE, now);
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
        HeldSlots mine = this.held.get();
        if (mine.count == 1 && holder(mine.slots[0]) == current) {
            // The usual case: one connection per thread, no clock read needed to tell which.
            free(mine.slots[0]);
            mine.count = 0;
            return;
        }
        long borrowedAround = this.time.nanoTime() - heldMillis * 1_000_000L;
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = mine.count - 1; i >= 0; i--) {
            int slot = mine.slots[i];
            if (holder(slot) != current) {
                mine.remove(i);
                continue;
            }
            long distance = Math.abs(acquiredAt(slot) - borrowedAround);
            if (distance < bestDistance) {
                best = slot;
                bestDistance = distance;
            }
        }
        if (best >= 0) {
            mine.removeSlot(best);
            free(best);
            return;
        }
        releaseClosest(borrowedAround);
    }

    private void releaseClosest(long borrowedAround) {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int slot = 0; slot < this.capacity; slot++) {
            if (holder(slot) != null) {
                long distance = Math.abs(acquiredAt(slot) - borrowedAround);
                if (distance < bestDistance) {
                    best = slot;
                    bestDistance = distance;
                }
            }
        }
        if (best >= 0) {
            free(best);
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
            if (holder(slot) == current) {
                free(slot);
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
            if (holder(slot) != null) {
                longest = Math.max(longest, now - acquiredAt(slot));
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
            if (holder(slot) != null && now - acquiredAt(slot) > limit) {
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
            Thread thread = holder(slot);
            if (thread != null) {
                long since = acquiredAt(slot);
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

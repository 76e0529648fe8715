package dev.diagnostics.memory;

import java.util.Arrays;

/**
 * The lowest value recorded over a sliding window, kept as the minimum of each of a few buckets. Fixed arrays, no
 * allocation. Not thread-safe: the {@link MemoryWatcher} calls it under its lock.
 */
final class MovingMinimum {

    private static final int BUCKETS = 8;

    private final long bucketNanos;

    private final long[] index = new long[BUCKETS];

    private final long[] minimum = new long[BUCKETS];

    MovingMinimum(long windowNanos) {
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        Arrays.fill(this.index, Long.MIN_VALUE);
    }

    void record(long nanos, long value) {
        long bucket = Math.floorDiv(nanos, this.bucketNanos);
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (this.index[slot] != bucket) {
            this.index[slot] = bucket;
            this.minimum[slot] = value;
        }
        else {
            this.minimum[slot] = Math.min(this.minimum[slot], value);
        }
    }

    /** The lowest value recorded within the window ending now; -1 when none. */
    long minimum(long nowNanos) {
        long now = Math.floorDiv(nowNanos, this.bucketNanos);
        long lowest = -1;
        for (int slot = 0; slot < BUCKETS; slot++) {
            long bucket = this.index[slot];
            if (bucket != Long.MIN_VALUE && bucket > now - BUCKETS && bucket <= now
                    && (lowest < 0 || this.minimum[slot] < lowest)) {
                lowest = this.minimum[slot];
            }
        }
        return lowest;
    }
}

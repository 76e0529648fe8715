package dev.diagnostics.memory;

/**
 * The share of wall time the JVM spent in garbage collection over a sliding window, from the collectors' cumulative
 * collection time sampled on the watcher's tick. A ring of fixed size; no allocation. Not thread-safe: the
 * {@link MemoryWatcher} calls it under its lock.
 */
final class GcOverhead {

    private final long windowNanos;

    private final long[] at;

    private final long[] gcMillis;

    private int next;

    private int size;

    GcOverhead(long windowNanos, long sampleNanos) {
        this.windowNanos = windowNanos;
        int capacity = (int) Math.min(4096, windowNanos / Math.max(1, sampleNanos) + 2);
        this.at = new long[Math.max(4, capacity)];
        this.gcMillis = new long[this.at.length];
    }

    void record(long nanos, long cumulativeGcMillis) {
        this.at[this.next] = nanos;
        this.gcMillis[this.next] = cumulativeGcMillis;
        this.next = (this.next + 1) % this.at.length;
        this.size = Math.min(this.size + 1, this.at.length);
    }

    /**
     * The share of time in GC between the oldest sample inside the window and the newest one, 0 to 1; NaN until the
     * samples cover at least half the window.
     */
    double share() {
        if (this.size < 2) {
            return Double.NaN;
        }
        int newest = Math.floorMod(this.next - 1, this.at.length);
        long now = this.at[newest];
        int oldest = newest;
        for (int i = 1; i < this.size; i++) {
            int candidate = Math.floorMod(newest - i, this.at.length);
            if (now - this.at[candidate] > this.windowNanos) {
                break;
            }
            oldest = candidate;
        }
        long elapsed = now - this.at[oldest];
        if (elapsed <= 0 || elapsed * 2 < this.windowNanos) {
            return Double.NaN;
        }
        double gcNanos = (this.gcMillis[newest] - this.gcMillis[oldest]) * 1_000_000.0;
        return Math.max(0, Math.min(1, gcNanos / elapsed));
    }
}

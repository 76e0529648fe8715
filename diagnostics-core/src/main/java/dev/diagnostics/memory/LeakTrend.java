package dev.diagnostics.memory;

/**
 * The leak trend of the old generation: the floor (lowest value) of its occupancy after GC in each slice of a
 * window, and a least-squares line through those floors.
 *
 * <p>Occupancy after GC is a sawtooth even in a healthy service (G1 counts promoted garbage until its next marking
 * cycle; caches fill and expire), so single readings say little. The lowest reading of each slice (and of the two
 * slices before it, so a sawtooth up to three slices long, 4.5 minutes in a 30-minute window, is flattened) is what
 * is surely live. A leak is reported only when the floors rise steadily: a positive slope, a good fit (R&sup2; at least
 * {@value #MIN_FIT}), growth over the window of at least a given share of the maximum, data covering (nearly) the whole
 * window, so nothing is reported in the first window after start, and both halves of the window rising on their own (so a cache that filled once and then stayed flat is not
 * a leak). The projection to exhaustion is linear.
 *
 * <p>Fixed arrays, no allocation when recording. Not thread-safe: the {@link MemoryWatcher} calls it under its lock.
 */
public final class LeakTrend {

    /** The least coefficient of determination of the fitted line. */
    static final double MIN_FIT = 0.6;

    /** Slices of the window; a floor is kept per slice. */
    static final int SLICES = 20;

    /** How many neighbouring slices (this one and those before it) make one floor. */
    static final int ENVELOPE = 3;

    /** The least number of slices with data before any trend is fitted. */
    static final int MIN_POINTS = 6;

    private final long windowNanos;

    private final long sliceNanos;

    private final long[] sliceIndex = new long[SLICES];

    private final long[] floor = new long[SLICES];

    private final long[] floorAt = new long[SLICES];

    private final double[] xs = new double[SLICES];

    private final double[] ys = new double[SLICES];

    LeakTrend(long windowNanos) {
        this.windowNanos = windowNanos;
        this.sliceNanos = Math.max(1, windowNanos / SLICES);
        java.util.Arrays.fill(this.sliceIndex, Long.MIN_VALUE);
    }

    /** Records an occupancy after GC, in bytes, at a {@code TimeSource#nanoTime()}. Negative values are ignored. */
    void record(long nanos, long usedAfterGc) {
        if (usedAfterGc < 0) {
            return;
        }
        long index = Math.floorDiv(nanos, this.sliceNanos);
        int slot = (int) Math.floorMod(index, (long) SLICES);
        if (this.sliceIndex[slot] != index) {
            this.sliceIndex[slot] = index;
            this.floor[slot] = usedAfterGc;
            this.floorAt[slot] = nanos;
        }
        else if (usedAfterGc <= this.floor[slot]) {
            this.floor[slot] = usedAfterGc;
            this.floorAt[slot] = nanos;
        }
    }

    /**
     * Fits the trend over the window ending now.
     *
     * @param nowNanos now, as {@code TimeSource#nanoTime()}
     * @param max the maximum the occupancy can reach, for the projection; {@code -1} when unknown
     * @param minGrowthShare the least growth over the window, as a share of {@code max}, reported as a leak
     * @return the fit; {@link Fit#NONE} when there is too little data
     */
    Fit fit(long nowNanos, long max, double minGrowthShare) {
        long now = Math.floorDiv(nowNanos, this.sliceNanos);
        int n = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int slot = 0; slot < SLICES; slot++) {
            long index = this.sliceIndex[slot];
            if (index != Long.MIN_VALUE && index > now - SLICES && index <= now) {
                first = Math.min(first, this.floorAt[slot]);
                last = Math.max(last, this.floorAt[slot]);
                n++;
            }
        }
        if (n < MIN_POINTS) {
            return Fit.NONE;
        }
        // Sorted by time, in the fixed arrays: insertion sort of at most SLICES points.
        int count = 0;
        for (int slot = 0; slot < SLICES; slot++) {
            long index = this.sliceIndex[slot];
            if (index != Long.MIN_VALUE && index > now - SLICES && index <= now) {
                double x = (this.floorAt[slot] - first) / 1e9;
                double y = this.floor[slot];
                int at = count++;
                while (at > 0 && this.xs[at - 1] > x) {
                    this.xs[at] = this.xs[at - 1];
                    this.ys[at] = this.ys[at - 1];
                    at--;
                }
                this.xs[at] = x;
                this.ys[at] = y;
            }
        }
        // The lower envelope of ENVELOPE neighbouring slices: a sawtooth up to that long no longer shows in the floors.
        for (int i = count - 1; i > 0; i--) {
            for (int back = 1; back < ENVELOPE && i - back >= 0; back++) {
                this.ys[i] = Math.min(this.ys[i], this.ys[i - back]);
            }
        }
        double spanSeconds = (last - first) / 1e9;
        double slope = slope(0, count);
        double fit = rSquared(0, count, slope);
        long latest = (long) this.ys[count - 1];
        // A whole window of data: a start-up ramp (caches filling, code loading) is then in the first half only.
        boolean covered = (last - first) >= this.windowNanos - 3 * this.sliceNanos;
        int half = count / 2;
        boolean sustained = slope > 0 && slope(0, half + 1) > slope / 4 && slope(half, count) > slope / 4;
        double growth = slope * spanSeconds;
        boolean leak = covered && sustained && fit >= MIN_FIT && max > 0 && growth >= minGrowthShare * max;
        double secondsToFull = (slope > 0 && max > 0) ? Math.max(0, (max - latest) / slope) : Double.NaN;
        return new Fit(true, leak, slope, fit, spanSeconds, latest, (long) this.ys[0], secondsToFull);
    }

    private double slope(int from, int to) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < to; i++) {
            meanX += this.xs[i];
            meanY += this.ys[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            sxy += (this.xs[i] - meanX) * (this.ys[i] - meanY);
            sxx += (this.xs[i] - meanX) * (this.xs[i] - meanX);
        }
        return (sxx > 0) ? sxy / sxx : 0;
    }

    private double rSquared(int from, int to, double slope) {
        int n = to - from;
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < to; i++) {
            meanX += this.xs[i];
            meanY += this.ys[i];
        }
        meanX /= n;
        meanY /= n;
        double total = 0;
        double residual = 0;
        for (int i = from; i < to; i++) {
            double predicted = meanY + slope * (this.xs[i] - meanX);
            total += (this.ys[i] - meanY) * (this.ys[i] - meanY);
            residual += (this.ys[i] - predicted) * (this.ys[i] - predicted);
        }
        return (total > 0) ? 1 - residual / total : 0;
    }

    /**
     * A fitted trend.
     *
     * @param fitted whether there was enough data to fit anything
     * @param leak whether the trend is a sustained rise: see {@link LeakTrend}
     * @param bytesPerSecond the slope of the post-GC floor
     * @param fit the coefficient of determination (R&sup2;) of the line, 0 to 1
     * @param spanSeconds how much time the floors cover
     * @param latestFloor the most recent floor, bytes
     * @param earliestFloor the earliest floor in the window, bytes
     * @param secondsToFull at this slope, seconds until the maximum is reached; NaN when not rising or unknown
     */
    public record Fit(boolean fitted, boolean leak, double bytesPerSecond, double fit, double spanSeconds, long latestFloor,
            long earliestFloor, double secondsToFull) {

        static final Fit NONE = new Fit(false, false, 0, 0, 0, -1, -1, Double.NaN);
    }
}

package dev.diagnostics.jwt;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.diagnostics.time.TimeSource;

/**
 * Counts classified failures by reason since start, and bad signatures in a sliding window (to tell a burst of tokens
 * signed with another secret from a stray forged one). Recording costs a clock read and a few adds, no allocation.
 * Thread-safe.
 */
public final class JwtFailureCounts {

    private static final int BUCKETS = 12;

    private final LongAdder[] totals = new LongAdder[JwtFailureReason.values().length];

    private final TimeSource time;

    private final long bucketNanos;

    private final long[] bucketEpoch = new long[BUCKETS];

    private final long[] bucketCount = new long[BUCKETS];

    private final long[] foreignKidCount = new long[BUCKETS];

    private volatile String lastForeignKid;

    /**
     * @param window the bad-signature window, split into 12 buckets
     */
    public JwtFailureCounts(TimeSource time, Duration window) {
        this.time = time;
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        for (int i = 0; i < this.totals.length; i++) {
            this.totals[i] = new LongAdder();
        }
        java.util.Arrays.fill(this.bucketEpoch, Long.MIN_VALUE);
    }

    /** Records one failure; {@code foreignKid} is the token's {@code kid} when it names a key that is not ours. */
    void record(JwtFailureReason reason, String foreignKid) {
        this.totals[reason.ordinal()].increment();
        if (reason == JwtFailureReason.BAD_SIGNATURE) {
            long epoch = this.time.nanoTime() / this.bucketNanos;
            int index = (int) Math.floorMod(epoch, (long) BUCKETS);
            synchronized (this.bucketCount) {
                if (this.bucketEpoch[index] != epoch) {
                    this.bucketEpoch[index] = epoch;
                    this.bucketCount[index] = 0;
                    this.foreignKidCount[index] = 0;
                }
                this.bucketCount[index]++;
                if (foreignKid != null) {
                    this.foreignKidCount[index]++;
                }
            }
            if (foreignKid != null) {
                this.lastForeignKid = foreignKid;
            }
        }
    }

    /** Failures of this reason since start. */
    public long total(JwtFailureReason reason) {
        return this.totals[reason.ordinal()].sum();
    }

    /** Every reason with at least one failure, by tag, in the enum's order. */
    public Map<String, Long> totals() {
        Map<JwtFailureReason, Long> byReason = new EnumMap<>(JwtFailureReason.class);
        for (JwtFailureReason reason : JwtFailureReason.values()) {
            long count = total(reason);
            if (count > 0) {
                byReason.put(reason, count);
            }
        }
        Map<String, Long> byTag = new java.util.LinkedHashMap<>();
        byReason.forEach((reason, count) -> byTag.put(reason.tag(), count));
        return byTag;
    }

    /** Bad signatures within the window, and how many of them named a key that is not ours. */
    public long[] badSignaturesInWindow() {
        long current = this.time.nanoTime() / this.bucketNanos;
        long all = 0;
        long foreign = 0;
        synchronized (this.bucketCount) {
            for (int i = 0; i < BUCKETS; i++) {
                if (this.bucketEpoch[i] != Long.MIN_VALUE && current - this.bucketEpoch[i] < BUCKETS) {
                    all += this.bucketCount[i];
                    foreign += this.foreignKidCount[i];
                }
            }
        }
        return new long[] { all, foreign };
    }

    /** The {@code kid} of the last token that named a key not ours, or {@code null}. */
    public String lastForeignKid() {
        return this.lastForeignKid;
    }
}

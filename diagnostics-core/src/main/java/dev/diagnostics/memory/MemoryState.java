package dev.diagnostics.memory;

import java.time.Instant;
import java.util.List;

/**
 * What the {@link MemoryWatcher} knew after its last look: the level, the findings behind it (worst first) and the
 * figures. Immutable.
 *
 * @param level the worst finding's level; OK without findings
 * @param findings what was found, worst first
 * @param jvm the JVM's figures
 * @param oldGenAfterGc the lowest old-gen occupancy after GC among the last few collections (bytes; -1 unknown)
 * @param trend the post-GC floor's trend over the trend window
 * @param gcOverhead share of wall time in GC over the GC-overhead window; NaN until the window is half covered
 * @param rss resident set size in bytes; -1 unknown
 * @param limit the container's memory limit in bytes; -1 none or unknown
 * @param cgroupUsage the cgroup's memory use in bytes; -1 unknown
 * @param processSource where rss and limit come from ({@link ProcessMemory#source()})
 * @param sampledAt when the figures were read
 * @param heapDumps heap dumps written since the watcher started
 */
public record MemoryState(MemoryLevel level, List<MemoryFinding> findings, JvmMemoryReading jvm, long oldGenAfterGc,
        LeakTrend.Fit trend, double gcOverhead, long rss, long limit, long cgroupUsage, String processSource,
        Instant sampledAt, long heapDumps) {

    public MemoryState {
        findings = List.copyOf(findings);
    }

    /** Old-gen occupancy after GC as a share of its maximum; NaN when unknown. */
    public double oldGenShare() {
        return MemoryAssessment.share(this.oldGenAfterGc, this.jvm.oldGenMax());
    }

    /** RSS as a share of the container limit; NaN when either is unknown. */
    public double processShare() {
        return MemoryAssessment.share(this.rss, this.limit);
    }
}

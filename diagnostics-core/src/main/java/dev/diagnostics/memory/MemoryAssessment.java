package dev.diagnostics.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the watcher's figures into findings. Pure: the same figures give the same findings, so the rules are tested
 * without a JVM under pressure.
 */
final class MemoryAssessment {

    static final String HEAP_CRITICAL = "memory.heap-critical";

    static final String HEAP_HIGH = "memory.heap-high";

    static final String LEAK_SUSPECTED = "memory.leak-suspected";

    static final String GC_THRASHING = "memory.gc-thrashing";

    static final String GC_OVERHEAD = "memory.gc-overhead";

    static final String PROCESS_CRITICAL = "memory.process-near-limit";

    static final String PROCESS_HIGH = "memory.process-high";

    private static final String HEAP_DUMP_HOWTO = "take a heap dump of live objects (jcmd <pid> GC.heap_dump"
            + " /private/dir/heap.hprof; it holds every secret in memory, keep it private) and look at the biggest"
            + " retainers (Eclipse MAT's dominator tree)";

    private MemoryAssessment() {
    }

    static List<MemoryFinding> assess(MemoryWatchConfig config, JvmMemoryReading jvm, long recentOldAfterGc,
            LeakTrend.Fit trend, double gcShare, long rss, long limit) {
        List<MemoryFinding> findings = new ArrayList<>(4);
        double oldShare = share(recentOldAfterGc, jvm.oldGenMax());
        String growing = trend.leak() ? " and its floor grows " + MemoryText.ratePerMinute(trend.bytesPerSecond())
                : "";
        if (!Double.isNaN(oldShare) && oldShare >= config.heapWarning()) {
            boolean critical = oldShare >= config.heapCritical();
            String cause = "After garbage collection the old generation still holds "
                    + MemoryText.bytes(recentOldAfterGc) + " of " + MemoryText.bytes(jvm.oldGenMax()) + " ("
                    + MemoryText.percent(oldShare) + ")" + growing
                    + (critical ? ": live data nearly fills the heap; OutOfMemoryError is close"
                            : ": live data takes most of the heap");
            String remedy = "Find what holds the memory: " + HEAP_DUMP_HOWTO + ". If the live data is legitimate,"
                    + " raise the heap (-Xmx, or -XX:MaxRAMPercentage in a container) together with the container"
                    + " limit. A restart only helps until the same data builds up again.";
            findings.add(new MemoryFinding(critical ? HEAP_CRITICAL : HEAP_HIGH,
                    critical ? MemoryLevel.CRITICAL : MemoryLevel.WARN, cause, remedy));
        }
        if (trend.leak()) {
            String cause = "Old generation after GC grows " + MemoryText.ratePerMinute(trend.bytesPerSecond())
                    + " over the last " + MemoryText.window(trend.spanSeconds()) + " (its floor went from "
                    + MemoryText.bytes(trend.earliestFloor()) + " to " + MemoryText.bytes(trend.latestFloor())
                    + " of " + MemoryText.bytes(jvm.oldGenMax()) + "); at this rate it is full in "
                    + MemoryText.about(trend.secondsToFull());
            String remedy = "Something keeps objects it no longer needs (an unbounded cache or map, listeners never"
                    + " removed, ThreadLocals on pooled threads, sessions kept forever): take two heap dumps some"
                    + " minutes apart (jcmd <pid> GC.heap_dump; they hold secrets, keep them private) and compare"
                    + " what grew. Restarting only resets the clock.";
            findings.add(new MemoryFinding(LEAK_SUSPECTED, MemoryLevel.WARN, cause, remedy));
        }
        if (!Double.isNaN(gcShare) && gcShare >= config.gcOverheadWarning()) {
            boolean critical = gcShare >= config.gcOverheadCritical();
            String cause = "The JVM spent " + MemoryText.percent(gcShare) + " of the last "
                    + MemoryText.window(config.gcOverheadWindow().toMillis() / 1000.0) + " in garbage collection"
                    + (Double.isNaN(oldShare) ? ""
                            : " (old generation " + MemoryText.percent(oldShare) + " full after GC)")
                    + (critical ? ": the application barely runs between collections" : "");
            String remedy = (!Double.isNaN(oldShare) && oldShare >= config.heapWarning())
                    ? "The heap is nearly full of live data, so every collection frees little: see the old"
                            + " generation figures, find what holds memory or raise the heap."
                    : "The application allocates faster than the collector keeps up with: find the routes that"
                            + " allocate most (diagnostics.memory.request.allocation by route) and cut their"
                            + " allocation, or give the heap more room (young generation).";
            findings.add(new MemoryFinding(critical ? GC_THRASHING : GC_OVERHEAD,
                    critical ? MemoryLevel.CRITICAL : MemoryLevel.WARN, cause, remedy));
        }
        double processShare = share(rss, limit);
        if (!Double.isNaN(processShare) && processShare >= config.processWarning()) {
            boolean critical = processShare >= config.processCritical();
            boolean heapFine = Double.isNaN(oldShare) || oldShare < config.heapWarning();
            long outsideHeap = Math.max(0, rss - jvm.heapCommitted());
            String cause = "The process uses " + MemoryText.bytes(rss) + " of its " + MemoryText.bytes(limit)
                    + " container limit (" + MemoryText.percent(processShare) + ")"
                    + (heapFine ? " while the heap is fine" : "") + ": heap committed "
                    + MemoryText.bytes(jvm.heapCommitted()) + ", outside the heap about "
                    + MemoryText.bytes(outsideHeap) + " (metaspace " + MemoryText.bytes(jvm.metaspaceUsed())
                    + ", direct buffers " + MemoryText.bytes(jvm.directBuffers()) + ", " + jvm.threads()
                    + " threads)" + (critical ? "; the kernel will kill the process (OOMKilled) at the limit" : "");
            String remedy = heapFine
                    ? "Memory outside the heap is the problem: look at direct buffers (Netty, NIO), the thread"
                            + " count, metaspace (class loading) and native allocations (start with"
                            + " -XX:NativeMemoryTracking=summary, then jcmd <pid> VM.native_memory summary). Keep the"
                            + " heap at most about 75% of the limit (-XX:MaxRAMPercentage=75) so the rest fits."
                    : "The heap takes most of the container: lower -Xmx (or -XX:MaxRAMPercentage) to leave room"
                            + " for memory outside the heap, or raise the container limit with the heap.";
            findings.add(new MemoryFinding(critical ? PROCESS_CRITICAL : PROCESS_HIGH,
                    critical ? MemoryLevel.CRITICAL : MemoryLevel.WARN, cause, remedy));
        }
        findings.sort((a, b) -> b.level().compareTo(a.level()));
        return findings;
    }

    static double share(long used, long max) {
        return (used >= 0 && max > 0) ? (double) used / max : Double.NaN;
    }
}

package dev.diagnostics.memory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;

/**
 * The {@code memory} check: reports the {@link MemoryWatcher}'s last state. It reads no MXBean and no file itself, so
 * it answers in microseconds and is cheap at any probe rate.
 *
 * <p>UP when the level is OK, DEGRADED at WARN, DOWN at CRITICAL, with the worst finding as the diagnosis and every
 * finding's code in {@code findings}. {@link #registration(MemoryCheck)} puts it in readiness only: live data filling
 * the heap is a reason to stop sending traffic to the instance, not to restart it while it may still recover (stock
 * checks that compare instantaneous heap use with 90% in liveness restart pods that only needed a collection).
 */
public final class MemoryCheck implements HealthCheck {

    /** The check's default name. */
    public static final String NAME = "memory";

    private final MemoryWatcher watcher;

    public MemoryCheck(MemoryWatcher watcher) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
    }

    /** A registration named {@value #NAME} in the readiness group. */
    public static CheckRegistration.Builder registration(MemoryCheck check) {
        return CheckRegistration.builder(NAME, check).groups(HealthGroups.READINESS);
    }

    /** The watcher whose state this check reports. */
    public MemoryWatcher watcher() {
        return this.watcher;
    }

    @Override
    public CheckResult check() {
        MemoryState state = this.watcher.state();
        if (state == null) {
            return CheckResult.unknown().detail("level", "not started").build();
        }
        CheckResult.Builder result = CheckResult.status(state.level().status()).details(details(state));
        if (!state.findings().isEmpty()) {
            MemoryFinding worst = state.findings().get(0);
            result.diagnosis(worst.code(), worst.cause(), worst.remedy());
        }
        return result.build();
    }

    private Map<String, Object> details(MemoryState state) {
        JvmMemoryReading jvm = state.jvm();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("level", state.level());
        if (!state.findings().isEmpty()) {
            details.put("findings", state.findings().stream().map(MemoryFinding::code).toList());
        }
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("oldGenAfterGcBytes", state.oldGenAfterGc());
        heap.put("oldGenMaxBytes", jvm.oldGenMax());
        heap.put("oldGenAfterGcShare", round(state.oldGenShare()));
        heap.put("oldGenPools", this.watcher.oldGenPools());
        heap.put("usedBytes", jvm.heapUsed());
        heap.put("committedBytes", jvm.heapCommitted());
        heap.put("maxBytes", jvm.heapMax());
        details.put("heap", heap);
        LeakTrend.Fit trend = state.trend();
        Map<String, Object> trendDetails = new LinkedHashMap<>();
        trendDetails.put("leakSuspected", trend.leak());
        if (trend.fitted()) {
            trendDetails.put("growthBytesPerMinute", Math.round(trend.bytesPerSecond() * 60));
            trendDetails.put("fit", round(trend.fit()));
            trendDetails.put("coveredSeconds", Math.round(trend.spanSeconds()));
            if (trend.leak() && !Double.isNaN(trend.secondsToFull())) {
                trendDetails.put("timeToFull", Duration.ofSeconds(Math.round(trend.secondsToFull())));
            }
        }
        else {
            trendDetails.put("note", "not enough collections yet in the trend window ("
                    + this.watcher.config().trendWindow() + ")");
        }
        details.put("trend", trendDetails);
        details.put("gcOverhead", Double.isNaN(state.gcOverhead()) ? null : round(state.gcOverhead()));
        details.put("gcCount", jvm.gcCount());
        Map<String, Object> outside = new LinkedHashMap<>();
        outside.put("metaspaceUsedBytes", jvm.metaspaceUsed());
        outside.put("nonHeapCommittedBytes", jvm.nonHeapCommitted());
        outside.put("directBuffersBytes", jvm.directBuffers());
        outside.put("threads", jvm.threads());
        details.put("outsideHeap", outside);
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("source", state.processSource());
        process.put("rssBytes", (state.rss() >= 0) ? state.rss() : null);
        process.put("limitBytes", (state.limit() > 0) ? state.limit() : null);
        process.put("rssShareOfLimit", Double.isNaN(state.processShare()) ? null : round(state.processShare()));
        if (state.rss() < 0) {
            process.put("note", "no /proc here: only the JVM's own figures are known");
        }
        details.put("process", process);
        if (this.watcher.config().heapDumpEnabled()) {
            details.put("heapDumpsWritten", this.watcher.heapDumpsWritten());
            String last = this.watcher.lastHeapDump();
            if (last != null) {
                details.put("lastHeapDump", last);
            }
        }
        details.put("sampledAt", state.sampledAt());
        return details;
    }

    private static Object round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }

    static List<String> codes(MemoryState state) {
        return state.findings().stream().map(MemoryFinding::code).toList();
    }
}

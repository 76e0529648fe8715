package dev.diagnostics.memory;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.metrics.MeterNames;

/**
 * Exposes a {@link MemoryWatcher}'s state: its level, old-gen occupancy after GC, the post-GC floor's growth, GC
 * overhead, RSS and container limit, and heap dumps written. Gauges read the last state; nothing here reads an MXBean.
 */
public final class MemoryMetrics implements MeterBinder {

    private final MemoryWatcher watcher;

    public MemoryMetrics(MemoryWatcher watcher) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MeterNames.MEMORY_LEVEL, this.watcher, (w) -> w.level().ordinal())
                .description("Memory watch level: 0 OK, 1 WARN, 2 CRITICAL").register(registry);
        gauge(registry, MeterNames.MEMORY_OLD_GEN_AFTER_GC, "Old generation occupancy after GC / its maximum", null,
                MemoryState::oldGenShare);
        gauge(registry, MeterNames.MEMORY_OLD_GEN_GROWTH,
                "Growth of the old generation's post-GC floor over the trend window (0 without a fitted trend)",
                "bytes", (s) -> s.trend().fitted() ? s.trend().bytesPerSecond() : 0);
        gauge(registry, MeterNames.MEMORY_GC_OVERHEAD, "Share of wall time spent in GC over the overhead window",
                null, MemoryState::gcOverhead);
        gauge(registry, MeterNames.MEMORY_RSS, "Resident set size of the process (NaN without /proc)", "bytes",
                (s) -> (s.rss() >= 0) ? s.rss() : Double.NaN);
        gauge(registry, MeterNames.MEMORY_LIMIT, "The container's memory limit (NaN without one)", "bytes",
                (s) -> (s.limit() > 0) ? s.limit() : Double.NaN);
        FunctionCounter.builder(MeterNames.MEMORY_HEAP_DUMPS, this.watcher, MemoryWatcher::heapDumpsWritten)
                .description("Heap dumps written by the memory watch").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<MemoryState> value) {
        Gauge.builder(name, this.watcher, (w) -> {
            MemoryState state = w.state();
            return (state != null) ? value.applyAsDouble(state) : Double.NaN;
        }).description(description).baseUnit(unit).register(registry);
    }
}

package dev.diagnostics.quarkus.runtime;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.memory.MemoryCheck;
import dev.diagnostics.memory.MemoryMetrics;
import dev.diagnostics.memory.MemoryWatchConfig;
import dev.diagnostics.memory.MemoryWatcher;
import dev.diagnostics.memory.RequestMemoryConfig;
import dev.diagnostics.memory.RequestMemoryRecorder;
import dev.diagnostics.memory.ThreadAllocation;
import dev.diagnostics.time.TimeSource;

/**
 * The memory watch of the application, configured by {@code quarkus.diagnostics.memory.*}: its watcher (started when
 * first asked for, closed on shutdown), the {@code memory} check for the engine, its meters, and the per-request
 * recorder the JAX-RS filter uses. Nothing when {@code quarkus.diagnostics.memory.enabled=false}.
 */
@Singleton
public class MemoryDiagnostics {

    @Inject
    DiagnosticsConfig config;

    @Inject
    TimeSource time;

    @Inject
    Instance<MeterRegistry> registries;

    private MemoryWatcher watcher;

    private RequestMemoryRecorder recorder;

    /** The watcher, started; {@code null} when the memory watch is off. */
    public synchronized MemoryWatcher watcher() {
        if (this.watcher == null && this.config.memory().enabled()) {
            this.watcher = MemoryWatcher.builder(config(this.config.memory()), this.time).build().start();
        }
        return this.watcher;
    }

    /** The per-request recorder; {@code null} when the memory watch is off. */
    public synchronized RequestMemoryRecorder recorder() {
        MemoryWatcher started = watcher();
        if (this.recorder == null && started != null) {
            MeterRegistry registry = this.registries.isResolvable() ? this.registries.get() : null;
            this.recorder = new RequestMemoryRecorder(started, requestConfig(this.config.memory().requests()),
                    registry, ThreadAllocation.platform());
        }
        return this.recorder;
    }

    /** The {@code memory} check in readiness, or none. */
    public List<CheckRegistration> registrations() {
        MemoryWatcher started = watcher();
        return (started != null) ? List.of(MemoryCheck.registration(new MemoryCheck(started)).build()) : List.of();
    }

    /** The {@code diagnostics.memory.*} meters, or none. */
    public List<MeterBinder> meterBinders() {
        MemoryWatcher started = watcher();
        return (started != null) ? List.of(new MemoryMetrics(started)) : List.of();
    }

    @PreDestroy
    synchronized void close() {
        if (this.watcher != null) {
            this.watcher.close();
        }
    }

    static MemoryWatchConfig config(DiagnosticsConfig.Memory memory) {
        MemoryWatchConfig.Builder config = MemoryWatchConfig.builder()
                .propertyPrefix(DiagnosticsConfig.MEMORY_PREFIX)
                .sampleInterval(memory.sampleInterval())
                .heapWarning(memory.heapWarning())
                .heapCritical(memory.heapCritical())
                .pressureWindow(memory.pressureWindow())
                .trendWindow(memory.trendWindow())
                .leakMinGrowth(memory.leakMinGrowth())
                .gcOverheadWindow(memory.gcOverheadWindow())
                .gcOverheadWarning(memory.gcOverheadWarning())
                .gcOverheadCritical(memory.gcOverheadCritical())
                .processWarning(memory.processWarning())
                .processCritical(memory.processCritical());
        if (memory.heapDump().enabled()) {
            config.heapDump(memory.heapDump().directory().orElse(null), memory.heapDump().minInterval());
        }
        return config.build();
    }

    static RequestMemoryConfig requestConfig(DiagnosticsConfig.Requests requests) {
        return RequestMemoryConfig.builder()
                .propertyPrefix(DiagnosticsConfig.MEMORY_PREFIX + ".requests")
                .recordAllocation(requests.recordAllocation())
                .maxRoutes(requests.maxRoutes())
                .shedShare(requests.shedShare())
                .retryAfter(requests.retryAfter())
                .build();
    }
}

package dev.diagnostics.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import dev.diagnostics.memory.JvmMemory;
import dev.diagnostics.memory.MemoryLevel;
import dev.diagnostics.memory.MemoryWatchConfig;
import dev.diagnostics.memory.MemoryWatcher;
import dev.diagnostics.memory.ProcessMemory;
import dev.diagnostics.memory.RequestMemoryConfig;
import dev.diagnostics.memory.RequestMemoryRecorder;
import dev.diagnostics.memory.ThreadAllocation;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.TimeSource;

/**
 * The memory middleware's per-request path in core, as the servlet filter runs it: the shedding check (a volatile read
 * of the watcher's level), the thread's allocation counter before and after, and the record into the route's cached
 * summary. Baseline: {@code Runtime.totalMemory() - freeMemory()}, the "read memory on every request" of the runbooks.
 * Target (DESIGN.md): at most 1.5x the baseline and 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class MemoryRequestBenchmark {

    static final String ROUTE = "/orders/{id}";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private MemoryWatcher watcher;

    private RequestMemoryRecorder recorder;

    private RequestMemoryRecorder levelOnlyRecorder;

    private ThreadAllocation allocation;

    /** A real watcher on the running JVM, without its tick (the clock never runs tasks): only the request path runs. */
    @Setup(Level.Trial)
    public void setUp() {
        TimeSource still = new Pools.UnscheduledTimeSource();
        this.watcher = MemoryWatcher.builder(MemoryWatchConfig.defaults(), still).jvm(JvmMemory.platform())
                .process(ProcessMemory.unavailable()).build().start();
        this.allocation = ThreadAllocation.platform();
        this.recorder = new RequestMemoryRecorder(this.watcher,
                RequestMemoryConfig.builder().shedShare(0.5).build(), this.registry, this.allocation);
        this.levelOnlyRecorder = new RequestMemoryRecorder(this.watcher,
                RequestMemoryConfig.builder().recordAllocation(false).shedShare(0.5).build(), this.registry,
                this.allocation);
        if (!this.recorder.recordsAllocation()) {
            throw new IllegalStateException("This JVM does not measure per-thread allocation: nothing to benchmark");
        }
        if (this.watcher.level() != MemoryLevel.OK) {
            throw new IllegalStateException("The benchmark JVM's memory is " + this.watcher.level()
                    + "; the request path is measured at OK (no shedding draw)");
        }
    }

    /** After {@code requestPath}, fails unless it really recorded into the route's summary. */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
        tearDown(params.getBenchmark().endsWith(".requestPath"));
    }

    void tearDown(boolean requestPathRan) {
        this.watcher.close();
        if (requestPathRan && recorded() == 0) {
            throw new IllegalStateException("The request path recorded nothing");
        }
    }

    /** The whole per-request path: shed check, allocation before and after, record under the route template. */
    @Benchmark
    public boolean requestPath() {
        if (this.recorder.shed()) {
            return true;
        }
        long start = this.recorder.begin();
        this.recorder.end(ROUTE, start);
        return false;
    }

    /** The shed check alone (allocation recording off): what a request costs when only shedding is wanted. */
    @Benchmark
    public boolean levelOnly() {
        return this.levelOnlyRecorder.shed();
    }

    /** The allocation measurement's own cost: one read of the thread's allocation counter. */
    @Benchmark
    public long allocationCounter() {
        return this.allocation.currentThreadAllocatedBytes();
    }

    /** Baseline: what the runbooks' middleware reads on every request. */
    @Benchmark
    public long runtimeBaseline() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    long recorded() {
        DistributionSummary summary = this.registry.find(MeterNames.MEMORY_REQUEST_ALLOCATION).tag("route", ROUTE)
                .summary();
        return (summary != null) ? summary.count() : 0;
    }
}

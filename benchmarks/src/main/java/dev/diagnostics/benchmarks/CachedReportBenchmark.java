package dev.diagnostics.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthReport;

/**
 * A report served from cache: 10 trivial checks with a one-hour TTL, evaluated once in setup, so every measured call
 * is answered from cached results. Measured from 1 thread and from {@value #CONTENDED_THREADS} threads at once (probes
 * arriving together); the baseline at each thread count is reading a prebuilt report from a volatile field, what a
 * perfect cache would cost.
 *
 * <p>At teardown the benchmark fails unless each check ran exactly once: under concurrent callers, a cached check
 * runs at most once per TTL (DESIGN.md, "cached report").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CachedReportBenchmark {

    static final int CONTENDED_THREADS = 4;

    private final AtomicInteger[] runs = new AtomicInteger[Fixtures.CHECKS];

    private HealthEngine engine;

    private volatile HealthReport prebuilt;

    @Setup(Level.Trial)
    public void setUp() {
        HealthEngineConfig config = HealthEngineConfig.builder().build();
        this.engine = Fixtures.engine(config, Fixtures.countingChecks(this.runs), Duration.ofHours(1));
        this.prebuilt = Fixtures.requireAllUp(this.engine.evaluate());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            Fixtures.requireAllUp(this.engine.evaluate());
            for (int i = 0; i < this.runs.length; i++) {
                if (this.runs[i].get() != 1) {
                    throw new IllegalStateException("Check " + Fixtures.name(i) + " ran " + this.runs[i].get()
                            + " times; with a one-hour TTL it must run once");
                }
            }
        }
        finally {
            this.engine.close();
        }
    }

    /** Measured: a cached report, one caller. */
    @Benchmark
    @Threads(1)
    public HealthReport cachedReport() {
        return this.engine.evaluate();
    }

    /** Measured: a cached report, several callers at once. */
    @Benchmark
    @Threads(CONTENDED_THREADS)
    public HealthReport cachedReportContended() {
        return this.engine.evaluate();
    }

    /** Baseline: a prebuilt report read from a volatile field, one caller. */
    @Benchmark
    @Threads(1)
    public HealthReport volatileRead() {
        return this.prebuilt;
    }

    /** Baseline: a prebuilt report read from a volatile field, several callers at once. */
    @Benchmark
    @Threads(CONTENDED_THREADS)
    public HealthReport volatileReadContended() {
        return this.prebuilt;
    }
}

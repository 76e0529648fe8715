package dev.diagnostics.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

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

import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthReport;

/**
 * What the engine costs on top of the checks themselves: 10 trivial checks (each returns a result built up front)
 * evaluated through the engine with caching off, against calling the same 10 checks directly, one after another.
 *
 * <p>{@link #engine()} is the measured path, {@link #direct()} its baseline. The engine runs with its default
 * configuration (4 threads, 800 ms budget, 500 ms check timeout) and a cache TTL of 0, so every report runs every
 * check: the difference is the engine's bookkeeping, the hand-off to its executor and back, timeouts and the
 * report itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class EngineOverheadBenchmark {

    private HealthCheck[] checks;

    private HealthEngine engine;

    @Setup(Level.Trial)
    public void setUp() {
        this.checks = Fixtures.trivialChecks();
        HealthEngineConfig config = HealthEngineConfig.builder().defaultCacheTtl(Duration.ZERO).build();
        this.engine = Fixtures.engine(config, this.checks, Duration.ZERO);
        Fixtures.requireAllUp(this.engine.evaluate());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            // The engine still answers correctly after the run: the numbers are for real reports.
            Fixtures.requireAllUp(this.engine.evaluate());
        }
        finally {
            this.engine.close();
        }
    }

    /** Measured: one report of 10 trivial checks through the engine. */
    @Benchmark
    public HealthReport engine() {
        return this.engine.evaluate();
    }

    /** Baseline: the same 10 checks called directly on the caller's thread; returns how many answered UP. */
    @Benchmark
    public int direct() throws Exception {
        return Fixtures.callEach(this.checks);
    }
}

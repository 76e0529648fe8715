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

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthReport;

/**
 * A health report over slow dependencies: 10 checks that each block for 100 ms ({@code Thread.sleep(100)} is the
 * workload being modelled: a query, a remote call).
 *
 * <ul>
 * <li>{@link #engine()}, measured: the 10 checks through the engine (10 threads, budget 900 ms, probe timeout 1 s,
 * check timeout 500 ms, no cache). They run in parallel, so a report should take about as long as the slowest
 * check. Target (DESIGN.md): at most 1.3x {@link #slowestCheck()}.</li>
 * <li>{@link #serial()}, baseline: the same checks called one after another on the caller's thread, the way Spring
 * Boot Actuator runs health indicators: about 10x the slowest check.</li>
 * <li>{@link #slowestCheck()}, baseline: one of the checks called directly, the denominator of the target.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class SlowChecksBenchmark {

    static final long CHECK_MILLIS = 100;

    private HealthCheck[] checks;

    private HealthEngine engine;

    @Setup(Level.Trial)
    public void setUp() {
        this.checks = Fixtures.sleepingChecks(CHECK_MILLIS);
        HealthEngineConfig config = HealthEngineConfig.builder()
                .threads(Fixtures.CHECKS)
                .budget(Duration.ofMillis(900))
                .probeTimeout(Duration.ofSeconds(1))
                .defaultTimeout(Duration.ofMillis(500))
                .defaultCacheTtl(Duration.ZERO)
                .build();
        this.engine = Fixtures.engine(config, this.checks, Duration.ZERO);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            // A report of timed-out checks would come back at 500 ms, not 100 ms; still, prove the engine answered
            // with real results, not with timeouts or over-budget entries.
            Fixtures.requireAllUp(this.engine.evaluate());
        }
        finally {
            this.engine.close();
        }
    }

    /** Measured: one report of the 10 slow checks through the engine. */
    @Benchmark
    public HealthReport engine() {
        return this.engine.evaluate();
    }

    /** Baseline: the 10 slow checks one after another (Spring Boot Actuator's way); returns how many were UP. */
    @Benchmark
    public int serial() throws Exception {
        return Fixtures.callEach(this.checks);
    }

    /** Baseline: the slowest check on its own (they all take the same time). */
    @Benchmark
    public CheckResult slowestCheck() throws Exception {
        return this.checks[0].check();
    }
}

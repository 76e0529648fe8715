package dev.diagnostics.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rulers: operations whose cost does not depend on our code. On a quiet machine they are stable from run to run
 * (DESIGN.md: {@code System.nanoTime()} ~26 ns); when their error or their drift from the recorded value is large,
 * the machine was noisy and a gate comparing ratios from that run is inconclusive, not failed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class Rulers {

    /** The cost of reading the monotonic clock. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** The harness's own cost per call. */
    @Benchmark
    public void emptyMethod() {
        // Intentionally empty: measures JMH's loop and nothing else.
    }
}

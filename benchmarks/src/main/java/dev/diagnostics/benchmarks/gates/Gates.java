package dev.diagnostics.benchmarks.gates;

import static dev.diagnostics.benchmarks.gates.Gate.Kind.ALLOCATION_BYTES;
import static dev.diagnostics.benchmarks.gates.Gate.Kind.ALLOCATION_EXTRA_BYTES;
import static dev.diagnostics.benchmarks.gates.Gate.Kind.MAX_SAMPLE_MILLIS;
import static dev.diagnostics.benchmarks.gates.Gate.Kind.TIME_EXTRA_NANOS;
import static dev.diagnostics.benchmarks.gates.Gate.Kind.TIME_RATIO;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.diagnostics.benchmarks.gates.JmhResults.Result;

/**
 * The project's performance gates: the targets of ../shared/DESIGN.md ("Performance goals"), each tied to a
 * benchmark of this module and the baseline measured beside it. A claim without a benchmark yet has no gate; add one
 * here when its benchmark lands.
 */
public final class Gates {

    /** {@code System.nanoTime()} on these machines, recorded in DESIGN.md (~26 ns) and benchmarks/README.md (~23 ns). */
    static final double NANO_TIME_REFERENCE_NANOS = 25;

    /** A run whose {@code Rulers.nanoTime} error exceeds this share of its score was noisy. */
    static final double RULER_MAX_RELATIVE_ERROR = 0.10;

    /** A run whose {@code Rulers.nanoTime} drifts more than this factor from the reference was noisy. */
    static final double RULER_MAX_DRIFT = 1.5;

    /** A run whose empty method costs more than this had a harness too disturbed to time anything. */
    static final double EMPTY_METHOD_MAX_NANOS = 2;

    static final String NANO_TIME = "Rulers.nanoTime";

    static final String EMPTY_METHOD = "Rulers.emptyMethod";

    private Gates() {
    }

    /** Every gate, in report order. */
    public static List<Gate> all() {
        return List.of(
                new Gate("engine.slow-checks", "health report, 10 checks of 100 ms each", TIME_RATIO,
                        "SlowChecksBenchmark.engine", "SlowChecksBenchmark.slowestCheck", 1.3),
                new Gate("engine.hung-check.answers", "health report with one hung check: answers by the budget",
                        MAX_SAMPLE_MILLIS, "HungCheckBenchmark.engine", null, 800),
                new Gate("engine.hung-check.time", "health report with one hung check, vs the slowest healthy check",
                        TIME_RATIO, "HungCheckBenchmark.engine", "HungCheckBenchmark.slowestHealthyCheck", 1.3),
                new Gate("pool.tracking.time", "pool tracking per acquire + release", TIME_EXTRA_NANOS,
                        "PoolTrackingBenchmark.tracked", "PoolTrackingBenchmark.bare", 100),
                new Gate("pool.tracking.alloc", "pool tracking per acquire + release", ALLOCATION_EXTRA_BYTES,
                        "PoolTrackingBenchmark.tracked", "PoolTrackingBenchmark.bare", 0),
                new Gate("pool.tracking.time.2-threads", "pool tracking per acquire + release, 2 threads",
                        TIME_EXTRA_NANOS, "PoolTrackingBenchmark.trackedTwoThreads",
                        "PoolTrackingBenchmark.bareTwoThreads", 100),
                new Gate("pool.tracking.alloc.2-threads", "pool tracking per acquire + release, 2 threads",
                        ALLOCATION_EXTRA_BYTES, "PoolTrackingBenchmark.trackedTwoThreads",
                        "PoolTrackingBenchmark.bareTwoThreads", 0),
                new Gate("pool.sampling.time", "pool sampling", TIME_RATIO, "PoolSamplingBenchmark.poolView",
                        "PoolSamplingBenchmark.mxBean", 2),
                new Gate("pool.sampling.alloc", "pool sampling", ALLOCATION_BYTES, "PoolSamplingBenchmark.poolView",
                        null, 0),
                new Gate("pool.detector-tick.time", "pool sampling: one exhaustion-detector tick", TIME_RATIO,
                        "PoolSamplingBenchmark.detectorTick", "PoolSamplingBenchmark.mxBeanWaitingAndClock", 2),
                new Gate("pool.detector-tick.alloc", "pool sampling: one exhaustion-detector tick", ALLOCATION_BYTES,
                        "PoolSamplingBenchmark.detectorTick", null, 0),
                new Gate("pool.exhaustion-detected", "pool exhaustion detected after the first waiting thread",
                        MAX_SAMPLE_MILLIS, "ExhaustionDetectionBenchmark.detect", null, 1000),
                new Gate("memory.request.time", "memory middleware per request", TIME_RATIO,
                        "MemoryRequestBenchmark.requestPath", "MemoryRequestBenchmark.runtimeBaseline", 1.5),
                new Gate("memory.request.alloc", "memory middleware per request", ALLOCATION_BYTES,
                        "MemoryRequestBenchmark.requestPath", null, 0),
                new Gate("jwt.classify.bad-signature", "JWT failure classification (bad signature)", TIME_RATIO,
                        "JwtClassificationBenchmark.classifyBadSignature",
                        "JwtClassificationBenchmark.rawVerifyBadSignature", 1.2),
                new Gate("jwt.classify.expired", "JWT failure classification (expired)", TIME_RATIO,
                        "JwtClassificationBenchmark.classifyExpired", "JwtClassificationBenchmark.rawVerifyExpired",
                        1.2),
                new Gate("timing.request.time", "request timing filter (core path)", TIME_RATIO,
                        "TimingBenchmark.requestFilterCore", "TimingBenchmark.timerBaseline", 1.5),
                new Gate("timing.request.alloc", "request timing filter (core path)", ALLOCATION_EXTRA_BYTES,
                        "TimingBenchmark.requestFilterCore", "TimingBenchmark.timerBaseline", 64),
                new Gate("timing.method.time", "method timing interceptor, cached meter", TIME_RATIO,
                        "TimingBenchmark.methodSection", "TimingBenchmark.timerStartStop", 1.3),
                new Gate("timing.method.alloc", "method timing interceptor, cached meter", ALLOCATION_BYTES,
                        "TimingBenchmark.methodSection", null, 0),
                new Gate("timing.method-in-request.alloc", "method timing interceptor inside a timed request",
                        ALLOCATION_BYTES, "TimingBenchmark.methodSectionInRequest", null, 0));
    }

    /**
     * Why timing verdicts from this run cannot be trusted, judged by the rulers: empty when {@code Rulers.nanoTime}
     * is close to its recorded value with a small error and the empty method is cheap.
     */
    public static Optional<String> noise(JmhResults run) {
        Optional<Result> nanoTime = run.get(NANO_TIME);
        Optional<Result> empty = run.get(EMPTY_METHOD);
        if (nanoTime.isEmpty() || empty.isEmpty()) {
            return Optional.of("the rulers (" + NANO_TIME + ", " + EMPTY_METHOD + ") are not in this run");
        }
        Result ruler = nanoTime.get();
        if (Double.isNaN(ruler.errorNanos())) {
            return Optional.of(NANO_TIME + " has no error estimate (too few iterations)");
        }
        if (ruler.relativeError() > RULER_MAX_RELATIVE_ERROR) {
            return Optional.of(String.format(Locale.ROOT, "%s error is %.0f%% of its score (limit %.0f%%)",
                    NANO_TIME, 100 * ruler.relativeError(), 100 * RULER_MAX_RELATIVE_ERROR));
        }
        double drift = Math.max(ruler.nanos() / NANO_TIME_REFERENCE_NANOS, NANO_TIME_REFERENCE_NANOS / ruler.nanos());
        if (drift > RULER_MAX_DRIFT) {
            return Optional.of(String.format(Locale.ROOT, "%s is %.1f ns, %.1fx off its recorded ~%.0f ns",
                    NANO_TIME, ruler.nanos(), drift, NANO_TIME_REFERENCE_NANOS));
        }
        if (empty.get().nanos() > EMPTY_METHOD_MAX_NANOS) {
            return Optional.of(String.format(Locale.ROOT, "%s costs %.2f ns (limit %.0f ns)", EMPTY_METHOD,
                    empty.get().nanos(), EMPTY_METHOD_MAX_NANOS));
        }
        return Optional.empty();
    }
}

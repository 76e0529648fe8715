package dev.diagnostics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthReport;
import dev.diagnostics.Status;

/**
 * Runs each benchmark's setup, measured and baseline methods and teardown once, directly (not through JMH), and checks
 * that they compute what the benchmark claims to measure. Timings here are loose sanity bounds, never targets.
 */
class BenchmarkSanityTests {

    @Test
    void engineOverheadReportsTenTrivialChecksUpAndTheBaselineCallsAllTen() throws Exception {
        EngineOverheadBenchmark benchmark = new EngineOverheadBenchmark();
        benchmark.setUp();
        try {
            HealthReport report = benchmark.engine();
            assertAllUp(report);
            assertThat(benchmark.direct()).isEqualTo(10);
        }
        finally {
            benchmark.tearDown();
        }
    }

    @Test
    void slowChecksRunInParallelThroughTheEngineAndOneAfterAnotherInTheBaseline() throws Exception {
        SlowChecksBenchmark benchmark = new SlowChecksBenchmark();
        benchmark.setUp();
        try {
            long start = System.nanoTime();
            HealthReport report = benchmark.engine();
            Duration engineTook = Duration.ofNanos(System.nanoTime() - start);
            assertAllUp(report);
            assertThat(report.checks().values()).allSatisfy((check) ->
                    assertThat(check.result().duration()).isGreaterThanOrEqualTo(Duration.ofMillis(100)));
            // Parallel: every check had started before the first one finished (all 10 overlapped), and the report
            // came back before a serial run could have (>= 1 s). The benchmark measures the real ratio.
            Instant lastStart = report.checks().values().stream()
                    .map((check) -> check.result().checkedAt().minus(check.result().duration()))
                    .max(Comparator.naturalOrder()).orElseThrow();
            Instant firstEnd = report.checks().values().stream().map((check) -> check.result().checkedAt())
                    .min(Comparator.naturalOrder()).orElseThrow();
            assertThat(lastStart).isBefore(firstEnd);
            assertThat(engineTook).isLessThan(Duration.ofMillis(1000));

            start = System.nanoTime();
            assertThat(benchmark.serial()).isEqualTo(10);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));

            CheckResult slowest = benchmark.slowestCheck();
            assertThat(slowest.status()).isEqualTo(Status.UP);
        }
        finally {
            benchmark.tearDown();
        }
    }

    @Test
    void cachedReportIsServedFromCacheWithoutRunningTheChecksAgain() {
        CachedReportBenchmark benchmark = new CachedReportBenchmark();
        benchmark.setUp();
        HealthReport first = benchmark.cachedReport();
        HealthReport second = benchmark.cachedReportContended();
        assertAllUp(first);
        assertAllUp(second);
        // Same cached results: the checks did not run again (teardown also fails if any ran more than once).
        assertThat(second.checks()).isEqualTo(first.checks());
        assertThat(benchmark.volatileRead()).isNotNull();
        assertAllUp(benchmark.volatileReadContended());
        benchmark.tearDown();
    }

    @Test
    void rulersRun() {
        Rulers rulers = new Rulers();
        assertThat(rulers.nanoTime()).isNotZero();
        rulers.emptyMethod();
    }

    @Test
    void theGuardRejectsAReportThatIsNotTenChecksUp() {
        HealthReport empty = new HealthReport(null, Instant.now(), Duration.ZERO, Map.of());
        assertThatIllegalStateException().isThrownBy(() -> Fixtures.requireAllUp(empty));
        assertThatIllegalStateException().isThrownBy(() -> Fixtures.requireAllUp(9));
    }

    private static void assertAllUp(HealthReport report) {
        assertThat(report.status()).isEqualTo(Status.UP);
        assertThat(report.checks()).hasSize(10);
        assertThat(report.checks().values()).extracting(CheckReport::status).containsOnly(Status.UP);
        assertThat(report.checks().keySet()).containsExactly("check-00", "check-01", "check-02", "check-03",
                "check-04", "check-05", "check-06", "check-07", "check-08", "check-09");
    }
}

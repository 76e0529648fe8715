package dev.diagnostics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthReport;
import dev.diagnostics.Status;
import dev.diagnostics.pool.ConnectionHolders;

/**
 * Runs each benchmark's setup, measured and baseline methods and teardown once, directly (not through JMH), and checks
 * that they compute what the benchmark claims to measure. Timings here are loose sanity bounds, never targets.
 */
class BenchmarkSanityTests {

    @Test
    void filesProbeReusesItsVerificationAndTheBaselineHashesTheWholeFile() throws Exception {
        RequiredFilesBenchmark benchmark = new RequiredFilesBenchmark();
        benchmark.setUp();
        try {
            CheckResult result = RequiredFilesBenchmark.requireVerified(benchmark.probe());
            @SuppressWarnings("unchecked")
            Map<String, Object> file = ((java.util.List<Map<String, Object>>) result.details().get("files")).get(0);
            assertThat(file).containsEntry("sha256", "matches")
                    .containsEntry("size", (long) RequiredFilesBenchmark.SIZE_MB * 1024 * 1024);
            assertThat(benchmark.hashEveryProbe()).isTrue();
        }
        finally {
            benchmark.tearDown();
        }
    }

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
    void aHungCheckIsReportedWhileTheOthersAnswerAndItHoldsOneThreadOnce() throws Exception {
        HungCheckBenchmark benchmark = new HungCheckBenchmark();
        benchmark.setUp();
        try {
            for (int i = 0; i < 3; i++) {
                HealthReport report = benchmark.engine();
                assertThat(report.checks()).hasSize(Fixtures.CHECKS + 1);
                assertThat(report.checks().get(HungCheckBenchmark.HUNG).status()).isEqualTo(Status.DOWN);
                assertThat(report.checks().values().stream().filter((check) -> check.status() == Status.UP))
                        .hasSize(Fixtures.CHECKS);
            }
            assertThat(benchmark.slowestHealthyCheck().status()).isEqualTo(Status.UP);
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

    @Test
    void trackedPoolRecordsTheHolderWhileBorrowedAndForgetsItOnReturn() throws Exception {
        PoolTrackingBenchmark benchmark = new PoolTrackingBenchmark();
        PoolTrackingBenchmark.TrackedPool pool = new PoolTrackingBenchmark.TrackedPool();
        pool.setUp();
        try {
            ConnectionHolders holders = pool.view.holders();
            assertThat(holders).isNotNull();
            assertThat(pool.dataSource.getMetricsTrackerFactory()).isNotNull();
            // Mid-borrow: the pool the benchmark measures records this thread as the holder.
            try (Connection connection = pool.dataSource.getConnection()) {
                assertThat(holders.snapshot()).singleElement()
                        .satisfies((holder) -> assertThat(holder.thread()).isEqualTo(Thread.currentThread().getName()));
            }
            assertThat(holders.snapshot()).isEmpty();
            for (int i = 0; i < 1_000; i++) {
                assertThat(benchmark.tracked(pool).isClosed()).isTrue();
                assertThat(benchmark.trackedTwoThreads(pool).isClosed()).isTrue();
            }
            assertThat(holders.snapshot()).isEmpty();
            assertThat(holders.untracked()).isZero();
            assertThat(pool.dataSource.getHikariPoolMXBean().getTotalConnections())
                    .isEqualTo(PoolTrackingBenchmark.POOL_SIZE);
        }
        finally {
            pool.tearDown();
        }
    }

    @Test
    void trackedPoolTeardownFailsWhenAConnectionIsStillHeld() throws Exception {
        PoolTrackingBenchmark.TrackedPool pool = new PoolTrackingBenchmark.TrackedPool();
        pool.setUp();
        Connection leaked = pool.dataSource.getConnection();
        try {
            assertThatIllegalStateException().isThrownBy(() -> Pools.requireNoHolders(pool.view.holders()));
            assertThatIllegalStateException().isThrownBy(() -> Pools.requireQuiet(pool.dataSource));
        }
        finally {
            leaked.close();
        }
        pool.tearDown();
    }

    @Test
    void bareAndNoopTrackerPoolsBorrowWithoutOurTracking() throws Exception {
        PoolTrackingBenchmark benchmark = new PoolTrackingBenchmark();
        PoolTrackingBenchmark.BarePool bare = new PoolTrackingBenchmark.BarePool();
        PoolTrackingBenchmark.NoopTrackerPool noop = new PoolTrackingBenchmark.NoopTrackerPool();
        bare.setUp();
        noop.setUp();
        try {
            assertThat(bare.dataSource.getMetricsTrackerFactory()).isNull();
            assertThat(noop.dataSource.getMetricsTrackerFactory()).isInstanceOf(Pools.NoopTrackerFactory.class);
            for (int i = 0; i < 1_000; i++) {
                assertThat(benchmark.bare(bare).isClosed()).isTrue();
                assertThat(benchmark.bareTwoThreads(bare).isClosed()).isTrue();
                assertThat(benchmark.noopTracker(noop).isClosed()).isTrue();
            }
            assertThat(bare.dataSource.getHikariPoolMXBean().getActiveConnections()).isZero();
            assertThat(bare.dataSource.getHikariPoolMXBean().getTotalConnections())
                    .isEqualTo(PoolTrackingBenchmark.POOL_SIZE);
            assertThat(noop.dataSource.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
        finally {
            bare.tearDown();
            noop.tearDown();
        }
    }

    @Test
    void poolSamplingReadsTheSameCountersAsTheMxBean() throws Exception {
        PoolSamplingBenchmark benchmark = new PoolSamplingBenchmark();
        benchmark.setUp();
        try {
            // 2 of 4 connections held: waiting 0 + active 2 + max 4, through either path.
            assertThat(benchmark.poolView()).isEqualTo(6);
            assertThat(benchmark.mxBean()).isEqualTo(6);
            assertThat(benchmark.view().active()).isEqualTo(PoolSamplingBenchmark.HELD);
            assertThat(benchmark.view().holders().snapshot()).hasSize(PoolSamplingBenchmark.HELD);
            assertThat(benchmark.detectorTick()).isFalse();
            assertThat(benchmark.detector().exhausted()).isFalse();
            assertThat(benchmark.mxBeanWaitingAndClock()).isNotZero();
        }
        finally {
            benchmark.tearDown();
        }
    }

    @Test
    void exhaustionIsDetectedWithinATickOfTheFirstWaiter() throws Exception {
        ExhaustionDetectionBenchmark benchmark = new ExhaustionDetectionBenchmark();
        ExhaustionDetectionBenchmark.DetectedPool pool = new ExhaustionDetectionBenchmark.DetectedPool();
        pool.setUp();
        try {
            for (int i = 0; i < 2; i++) {
                pool.holdTheOnlyConnection();
                assertThat(pool.detector.exhausted()).isFalse();
                long start = System.nanoTime();
                long latency = benchmark.detect(pool);
                long observed = System.nanoTime() - start;
                assertThat(pool.detector.exhausted()).isTrue();
                assertThat(pool.view.waiting()).isEqualTo(1);
                assertThat(pool.view.holders().snapshot()).singleElement()
                        .satisfies((holder) -> assertThat(holder.thread()).isEqualTo(Thread.currentThread().getName()));
                assertThat(latency).isBetween(0L, observed);
                // One tick is 250 ms; the bound is loose (8 ticks) for a busy machine, never a speed target.
                assertThat(Duration.ofNanos(latency)).isLessThan(Duration.ofSeconds(2));
                pool.release();
                assertThat(pool.detector.episodes()).isEqualTo(i + 1);
            }
        }
        finally {
            pool.tearDown();
        }
    }

    @Test
    void exhaustionTeardownFailsWhenAnEpisodeWasNotCounted() throws Exception {
        ExhaustionDetectionBenchmark.DetectedPool pool = new ExhaustionDetectionBenchmark.DetectedPool();
        pool.setUp();
        pool.operations = 1;
        assertThatIllegalStateException().isThrownBy(pool::tearDown).withMessageContaining("one exhaustion episode");
    }

    @Test
    void hikariTimesOutAfterItsConnectionTimeout() throws Exception {
        ExhaustionDetectionBenchmark benchmark = new ExhaustionDetectionBenchmark();
        ExhaustionDetectionBenchmark.TimeoutPool pool = new ExhaustionDetectionBenchmark.TimeoutPool();
        pool.setUp();
        try {
            pool.holdTheOnlyConnection();
            long waited = benchmark.hikariTimeout(pool);
            Duration timeout = Duration.ofMillis(ExhaustionDetectionBenchmark.SHORT_CONNECTION_TIMEOUT_MILLIS);
            assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(timeout);
            pool.release();
        }
        finally {
            pool.tearDown();
        }
    }

    private static void assertAllUp(HealthReport report) {
        assertThat(report.status()).isEqualTo(Status.UP);
        assertThat(report.checks()).hasSize(10);
        assertThat(report.checks().values()).extracting(CheckReport::status).containsOnly(Status.UP);
        assertThat(report.checks().keySet()).containsExactly("check-00", "check-01", "check-02", "check-03",
                "check-04", "check-05", "check-06", "check-07", "check-08", "check-09");
    }

    @Test
    void memoryRequestPathRecordsUnderTheRouteAndTheBaselineReadsTheHeap() {
        MemoryRequestBenchmark benchmark = new MemoryRequestBenchmark();
        benchmark.setUp();
        try {
            assertThat(benchmark.requestPath()).isFalse();
            assertThat(benchmark.requestPath()).isFalse();
            assertThat(benchmark.recorded()).isEqualTo(2);
            assertThat(benchmark.levelOnly()).isFalse();
            assertThat(benchmark.allocationCounter()).isPositive();
            assertThat(benchmark.runtimeBaseline()).isPositive();
        }
        finally {
            benchmark.tearDown(true);
        }
    }
}

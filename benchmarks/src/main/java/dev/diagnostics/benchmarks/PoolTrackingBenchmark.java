package dev.diagnostics.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.zaxxer.hikari.HikariDataSource;

import dev.diagnostics.pool.ConnectionHolders;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.pool.hikari.HikariPools;
import dev.diagnostics.time.SystemTimeSource;

/**
 * What recording connection holders costs per borrow: {@code getConnection()} then {@code close()} through a
 * HikariCP pool on H2 in-memory, with our tracking attached ({@link HikariPools#attach}, the composing metrics
 * tracker that records each holder in {@link ConnectionHolders}) against the same pool without it.
 *
 * <p>{@link #tracked} is the measured path, {@link #bare} its baseline (HikariCP with no metrics tracker, what an
 * application without diagnostics runs). {@link #noopTracker} is HikariCP with a tracker that does nothing: any
 * tracker makes HikariCP read the clock once more on borrow and on return to feed it, so {@code noopTracker - bare}
 * is HikariCP's share of the overhead and {@code tracked - noopTracker} ours. The same three run on
 * {@value #THREADS} threads ({@link #trackedTwoThreads}, {@link #bareTwoThreads}, {@link #noopTrackerTwoThreads}),
 * fewer than the pool's {@value #POOL_SIZE} connections, so nobody waits: the pool is never the bottleneck, the
 * bookkeeping is.
 *
 * <p>Every pool has {@code maximumPoolSize = minimumIdle = }{@value #POOL_SIZE}, the default 30 s connection
 * timeout, and all its connections open and idle before the first measurement. Each teardown fails unless the pool
 * is quiet (nothing lent, nobody waiting); the tracked pool's also fails unless the holders are empty, nothing went
 * untracked, and a borrow in the teardown is recorded with the borrowing thread: the tracking measured was live.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PoolTrackingBenchmark {

    static final int POOL_SIZE = 4;

    static final int THREADS = 2;

    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    /** A pool with our tracking attached before it started. */
    @State(Scope.Benchmark)
    public static class TrackedPool {

        HikariDataSource dataSource;

        SystemTimeSource time;

        PoolView view;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            this.time = new SystemTimeSource();
            this.dataSource = Pools.unstarted("tracked", POOL_SIZE, CONNECTION_TIMEOUT);
            this.view = HikariPools.attach(this.dataSource, "tracked", this.time);
            Pools.startFull(this.dataSource);
            Pools.requireTracking(this.dataSource, this.view.holders());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            try {
                Pools.requireQuiet(this.dataSource);
                Pools.requireTracking(this.dataSource, this.view.holders());
            }
            finally {
                this.dataSource.close();
                this.time.close();
            }
        }
    }

    /** The same pool without any metrics tracker. */
    @State(Scope.Benchmark)
    public static class BarePool {

        HikariDataSource dataSource;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            this.dataSource = Pools.startFull(Pools.unstarted("bare", POOL_SIZE, CONNECTION_TIMEOUT));
            requireNoTracker(this.dataSource);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                Pools.requireQuiet(this.dataSource);
                requireNoTracker(this.dataSource);
            }
            finally {
                this.dataSource.close();
            }
        }

        private static void requireNoTracker(HikariDataSource dataSource) {
            if (dataSource.getMetricsTrackerFactory() != null) {
                throw new IllegalStateException("The bare pool has a metrics tracker: "
                        + dataSource.getMetricsTrackerFactory());
            }
        }
    }

    /** The same pool with a metrics tracker that records nothing. */
    @State(Scope.Benchmark)
    public static class NoopTrackerPool {

        HikariDataSource dataSource;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            this.dataSource = Pools.unstarted("noop-tracker", POOL_SIZE, CONNECTION_TIMEOUT);
            this.dataSource.setMetricsTrackerFactory(new Pools.NoopTrackerFactory());
            Pools.startFull(this.dataSource);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                Pools.requireQuiet(this.dataSource);
            }
            finally {
                this.dataSource.close();
            }
        }
    }

    /** Measured: borrow and return one connection, holders recorded. */
    @Benchmark
    @Threads(1)
    public Connection tracked(TrackedPool pool) throws SQLException {
        return Pools.borrowAndReturn(pool.dataSource);
    }

    /** Baseline: borrow and return one connection from a pool without any tracker. */
    @Benchmark
    @Threads(1)
    public Connection bare(BarePool pool) throws SQLException {
        return Pools.borrowAndReturn(pool.dataSource);
    }

    /** Attribution: borrow and return one connection from a pool whose tracker does nothing. */
    @Benchmark
    @Threads(1)
    public Connection noopTracker(NoopTrackerPool pool) throws SQLException {
        return Pools.borrowAndReturn(pool.dataSource);
    }

    /** Measured: {@link #tracked} from {@value #THREADS} threads sharing the pool. */
    @Benchmark
    @Threads(THREADS)
    public Connection trackedTwoThreads(TrackedPool pool) throws SQLException {
        return Pools.borrowAndReturn(pool.dataSource);
    }

    /** Attribution: {@link #noopTracker} from {@value #THREADS} threads sharing the pool. */
    @Benchmark
    @Threads(THREADS)
    public Connection noopTrackerTwoThreads(NoopTrackerPool pool) throws SQLException {
        return Pools.borrowAndReturn(pool.dataSource);
    }

    /** Baseline: {@link #bare} from {@value #THREADS} threads sharing the pool. */
    @Benchmark
    @Threads(THREADS)
    public Connection bareTwoThreads(BarePool pool) throws SQLException {
        return Pools.borrowAndReturn(pool.dataSource);
    }
}

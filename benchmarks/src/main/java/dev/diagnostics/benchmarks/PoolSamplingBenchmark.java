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
import org.openjdk.jmh.annotations.Warmup;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.diagnostics.pool.PoolExhaustionDetector;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.pool.hikari.HikariPools;

/**
 * What sampling a pool costs: the counters {@code PoolExhaustionDetector} reads on every tick (threads waiting,
 * connections in use, the maximum), read through our {@link PoolView} against the same reads straight from
 * HikariCP's {@link HikariPoolMXBean} and its configuration.
 *
 * <p>{@link #poolView} is the measured path, {@link #mxBean} its baseline; both read all three counters (a tick
 * reads {@code active} and {@code max} only when threads wait). {@link #detectorTick} is one whole
 * {@link PoolExhaustionDetector#tick()} with a clock that schedules nothing (so the tick does not queue its successor),
 * on this pool with nobody waiting, the steady state: it reads {@code waiting} and the clock, records the sample and
 * "reschedules"; its baseline is {@link #mxBeanWaitingAndClock}, the same two reads done raw.
 *
 * <p>The pool ({@value #POOL_SIZE} connections on H2 in-memory, our tracking attached) has {@value #HELD} of them lent
 * out for the whole trial, so {@code active} is a real count over the pool's entries. The teardown fails unless our
 * view and the MXBean agree and the detector saw no exhaustion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PoolSamplingBenchmark {

    static final int POOL_SIZE = 4;

    static final int HELD = 2;

    private HikariDataSource dataSource;

    private HikariPoolMXBean mxBean;

    private PoolView view;

    private PoolExhaustionDetector detector;

    private final Connection[] held = new Connection[HELD];

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Pools.UnscheduledTimeSource time = new Pools.UnscheduledTimeSource();
        this.dataSource = Pools.unstarted("sampled", POOL_SIZE, Duration.ofSeconds(30));
        this.view = HikariPools.attach(this.dataSource, "sampled", time);
        Pools.startFull(this.dataSource);
        for (int i = 0; i < HELD; i++) {
            this.held[i] = this.dataSource.getConnection();
        }
        this.mxBean = this.dataSource.getHikariPoolMXBean();
        // Not started: the benchmark calls tick() itself; its reschedule goes to a clock that schedules nothing.
        this.detector = new PoolExhaustionDetector(this.view, time, Duration.ofMillis(250));
        requireAgreement();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        try {
            requireAgreement();
            this.detector.tick();
            if (this.detector.exhausted() || this.detector.waiting() || this.detector.episodes() != 0) {
                throw new IllegalStateException("The detector saw threads waiting on a pool nobody waits on");
            }
        }
        finally {
            this.detector.close();
            for (Connection connection : this.held) {
                if (connection != null) {
                    connection.close();
                }
            }
            this.dataSource.close();
        }
    }

    /** Fails unless our view reads what HikariCP reports: {@value #HELD} in use, nobody waiting. */
    void requireAgreement() {
        if (this.view.active() != HELD || this.mxBean.getActiveConnections() != HELD || this.view.waiting() != 0
                || this.mxBean.getThreadsAwaitingConnection() != 0 || this.view.max() != POOL_SIZE) {
            throw new IllegalStateException("Expected " + HELD + " of " + POOL_SIZE + " connections in use and nobody"
                    + " waiting; view: active " + this.view.active() + ", waiting " + this.view.waiting() + ", max "
                    + this.view.max() + "; MXBean: active " + this.mxBean.getActiveConnections() + ", waiting "
                    + this.mxBean.getThreadsAwaitingConnection());
        }
    }

    /** Measured: waiting, active and max through our pool view. */
    @Benchmark
    public int poolView() {
        return this.view.waiting() + this.view.active() + this.view.max();
    }

    /** Baseline: the same three counters from HikariCP's MXBean and configuration. */
    @Benchmark
    public int mxBean() {
        return this.mxBean.getThreadsAwaitingConnection() + this.mxBean.getActiveConnections()
                + this.dataSource.getMaximumPoolSize();
    }

    /** Measured: one detector tick, nobody waiting (its reschedule is a no-op). */
    @Benchmark
    public boolean detectorTick() {
        this.detector.tick();
        return this.detector.waiting();
    }

    /** Baseline of {@link #detectorTick}: the two reads a tick makes when nobody waits, done raw. */
    @Benchmark
    public long mxBeanWaitingAndClock() {
        return this.mxBean.getThreadsAwaitingConnection() + System.nanoTime();
    }

    PoolView view() {
        return this.view;
    }

    PoolExhaustionDetector detector() {
        return this.detector;
    }
}

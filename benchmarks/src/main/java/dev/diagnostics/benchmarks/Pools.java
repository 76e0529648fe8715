package dev.diagnostics.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;

import dev.diagnostics.pool.ConnectionHolder;
import dev.diagnostics.pool.ConnectionHolders;
import dev.diagnostics.time.TimeSource;

/** HikariCP pools on H2 in-memory for the pool benchmarks, and the checks that they measured the right thing. */
final class Pools {

    /** One in-memory database for every pool; kept open while any JVM-local connection or pool uses it. */
    static final String URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";

    private Pools() {
    }

    /**
     * A HikariCP pool that is configured but not started (HikariCP starts it on the first borrow), so a metrics
     * tracker can still be attached: {@code maximumPoolSize = minimumIdle = size}.
     */
    static HikariDataSource unstarted(String name, int size, Duration connectionTimeout) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName(name);
        dataSource.setJdbcUrl(URL);
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(size);
        dataSource.setMinimumIdle(size);
        dataSource.setConnectionTimeout(connectionTimeout.toMillis());
        return dataSource;
    }

    /**
     * Starts the pool (one borrow) and waits until it holds all its connections, idle, so a benchmark never
     * measures a connection being opened.
     */
    static HikariDataSource startFull(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(1)) {
                throw new IllegalStateException("H2 connection of pool " + dataSource.getPoolName() + " is not valid");
            }
        }
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        int size = dataSource.getMaximumPoolSize();
        await(Duration.ofSeconds(10), () -> pool.getTotalConnections() == size && pool.getIdleConnections() == size,
                () -> "pool " + dataSource.getPoolName() + " to open its " + size + " connections; total "
                        + pool.getTotalConnections() + ", idle " + pool.getIdleConnections());
        return dataSource;
    }

    /** The measured operation of the tracking benchmarks: borrow a connection and give it back. */
    static Connection borrowAndReturn(HikariDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
        return connection;
    }

    /** Fails unless the pool has nothing lent out and nobody waiting. */
    static void requireQuiet(HikariDataSource dataSource) {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool.getActiveConnections() != 0 || pool.getThreadsAwaitingConnection() != 0) {
            throw new IllegalStateException("Pool " + dataSource.getPoolName() + " is not quiet: active "
                    + pool.getActiveConnections() + ", waiting " + pool.getThreadsAwaitingConnection());
        }
    }

    /**
     * Fails unless the holders record a borrow by the current thread while it holds the connection and forget it
     * when it is returned: the tracking the benchmark claims to measure is really wired into the pool. Also fails
     * when anything is held or untracked beforehand.
     */
    static void requireTracking(HikariDataSource dataSource, ConnectionHolders holders) throws SQLException {
        requireNoHolders(holders);
        try (Connection connection = dataSource.getConnection()) {
            List<ConnectionHolder> snapshot = holders.snapshot();
            if (snapshot.size() != 1 || !snapshot.get(0).thread().equals(Thread.currentThread().getName())) {
                throw new IllegalStateException("Expected the current thread (" + Thread.currentThread().getName()
                        + ") as the only holder while it borrows, got " + snapshot);
            }
        }
        requireNoHolders(holders);
    }

    /** Fails unless no connection is recorded as held and none went untracked. */
    static void requireNoHolders(ConnectionHolders holders) {
        if (holders == null) {
            throw new IllegalStateException("The pool was not instrumented: no connection holders");
        }
        List<ConnectionHolder> snapshot = holders.snapshot();
        if (!snapshot.isEmpty() || holders.untracked() != 0) {
            throw new IllegalStateException("Expected no holders, got " + snapshot + " and " + holders.untracked()
                    + " untracked");
        }
    }

    /** Polls every millisecond until the condition holds; fails after the timeout. */
    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(1);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what.get(), ex);
            }
        }
    }

    /**
     * A metrics tracker that does nothing: installing any tracker makes HikariCP read the clock once more per
     * borrow and per return to feed it, so this separates HikariCP's own cost of having a tracker from ours.
     */
    static final class NoopTrackerFactory implements MetricsTrackerFactory {

        @Override
        public IMetricsTracker create(String poolName, PoolStats poolStats) {
            return new IMetricsTracker() {
            };
        }
    }

    /**
     * The real clock without a timer: {@link #schedule} runs nothing and returns one constant handle, so a
     * {@code PoolExhaustionDetector.tick()} can be measured on its own, without queueing its next tick.
     */
    static final class UnscheduledTimeSource implements TimeSource {

        private static final Cancellable NOTHING = () -> {
        };

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return NOTHING;
        }
    }
}

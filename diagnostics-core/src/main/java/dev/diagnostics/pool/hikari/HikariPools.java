package dev.diagnostics.pool.hikari;

import java.time.Duration;
import java.util.Objects;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.pool.ConnectionHolders;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/**
 * Connects the pool diagnostics to a HikariCP pool through its public API only: counters from
 * {@link HikariPoolMXBean}, connection holders through its {@link MetricsTrackerFactory} hook.
 *
 * <p>The tracker composes with a factory the application already set (Micrometer's, for example): every call is
 * passed on. HikariCP accepts a factory freely before the pool starts and once on a running pool that has none;
 * a running pool that already has one cannot be instrumented, and its view then reports counters without holders
 * (logged once at WARN). Attach at startup, before the first connection, to get holders.
 */
public final class HikariPools {

    private static final Logger logger = LoggerFactory.getLogger(HikariPools.class);

    private HikariPools() {
    }

    /**
     * Instruments the pool and returns its view. Calling it again for the same data source returns a view over the
     * same tracking.
     *
     * @param dataSource the pool
     * @param name the name to report when the pool has none yet
     * @param time the clock holders are recorded with
     */
    public static PoolView attach(HikariDataSource dataSource, String name, TimeSource time) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(time, "time");
        MetricsTrackerFactory existing = dataSource.getMetricsTrackerFactory();
        if (existing instanceof TrackingFactory tracking) {
            return new HikariPoolView(dataSource, name, tracking.holders);
        }
        ConnectionHolders holders = new ConnectionHolders(time, Math.max(32, dataSource.getMaximumPoolSize() * 2));
        try {
            dataSource.setMetricsTrackerFactory(new TrackingFactory(existing, holders));
        }
        catch (IllegalStateException ex) {
            logger.warn("Cannot track connection holders of pool '{}': {}. The 'pool' check reports its counters"
                    + " only; attach diagnostics before the pool starts, or without a Dropwizard metric registry.",
                    poolName(dataSource, name), ex.getMessage());
            holders = null;
        }
        return new HikariPoolView(dataSource, name, holders);
    }

    static String poolName(HikariDataSource dataSource, String fallback) {
        String name = dataSource.getPoolName();
        return (name != null) ? name : fallback;
    }

    /** Wraps the application's factory, if any, and records holders. */
    static final class TrackingFactory implements MetricsTrackerFactory {

        private final MetricsTrackerFactory delegate;

        final ConnectionHolders holders;

        TrackingFactory(MetricsTrackerFactory delegate, ConnectionHolders holders) {
            this.delegate = delegate;
            this.holders = holders;
        }

        @Override
        public IMetricsTracker create(String poolName, PoolStats poolStats) {
            IMetricsTracker next = (this.delegate != null) ? this.delegate.create(poolName, poolStats) : null;
            return new TrackingTracker(next, this.holders);
        }
    }

    /** Called by HikariCP on the borrowing and returning threads. */
    static final class TrackingTracker implements IMetricsTracker {

        private final IMetricsTracker delegate;

        private final ConnectionHolders holders;

        TrackingTracker(IMetricsTracker delegate, ConnectionHolders holders) {
            this.delegate = delegate;
            this.holders = holders;
        }

        @Override
        public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
            if (this.delegate != null) {
                this.delegate.recordConnectionCreatedMillis(connectionCreatedMillis);
            }
        }

        @Override
        public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
            this.holders.acquired();
            if (this.delegate != null) {
                this.delegate.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
            }
        }

        @Override
        public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
            this.holders.released(elapsedBorrowedMillis);
            if (this.delegate != null) {
                this.delegate.recordConnectionUsageMillis(elapsedBorrowedMillis);
            }
        }

        @Override
        public void recordConnectionTimeout() {
            // HikariCP reports a failed borrow as an acquire (recordBorrowTimeoutStats) and then this timeout.
            this.holders.cancelLastAcquire();
            this.holders.acquireTimedOut();
            if (this.delegate != null) {
                this.delegate.recordConnectionTimeout();
            }
        }

        @Override
        public void close() {
            if (this.delegate != null) {
                this.delegate.close();
            }
        }
    }

    /** Reads HikariCP's counters; zeros until the pool has started. */
    static final class HikariPoolView implements PoolView {

        private final HikariDataSource dataSource;

        private final String fallbackName;

        private final ConnectionHolders holders;

        HikariPoolView(HikariDataSource dataSource, String fallbackName, ConnectionHolders holders) {
            this.dataSource = dataSource;
            this.fallbackName = fallbackName;
            this.holders = holders;
        }

        @Override
        public String name() {
            return poolName(this.dataSource, this.fallbackName);
        }

        @Override
        public int active() {
            HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
            return (pool != null) ? pool.getActiveConnections() : 0;
        }

        @Override
        public int idle() {
            HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
            return (pool != null) ? pool.getIdleConnections() : 0;
        }

        @Override
        public int total() {
            HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
            return (pool != null) ? pool.getTotalConnections() : 0;
        }

        @Override
        public int max() {
            return this.dataSource.getMaximumPoolSize();
        }

        @Override
        public int waiting() {
            HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
            return (pool != null) ? pool.getThreadsAwaitingConnection() : 0;
        }

        @Override
        public Duration acquireTimeout() {
            return Duration.ofMillis(this.dataSource.getConnectionTimeout());
        }

        @Override
        public ConnectionHolders holders() {
            return this.holders;
        }

        @Override
        public String toString() {
            return "HikariPoolView[" + name() + "]";
        }
    }
}

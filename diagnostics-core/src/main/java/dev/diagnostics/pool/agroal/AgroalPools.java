package dev.diagnostics.pool.agroal;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.AgroalPoolInterceptor;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.configuration.AgroalDataSourceConfiguration;
import io.agroal.api.configuration.AgroalDataSourceConfiguration.DataSourceImplementation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.pool.ConnectionHolders;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/**
 * Connects the pool diagnostics to an Agroal pool (Quarkus's) through its public API only: counters from
 * {@link AgroalDataSource#getMetrics()}, connection holders through an {@link AgroalPoolInterceptor}.
 *
 * <ul>
 * <li><b>Metrics.</b> Agroal counts lent connections and waiting threads only while its metrics are enabled
 * ({@link AgroalDataSourceConfiguration#metricsEnabled()}; in Quarkus {@code quarkus.datasource.jdbc.metrics.enabled}
 * or {@code quarkus.datasource.metrics.enabled} with a metrics extension). Attaching enables them when they are off,
 * at the cost of a few clock reads and counter updates per borrow. Agroal counts a borrow only if metrics were on when
 * it was lent, so attach before the pool lends its first connection; a connection lent before and returned after
 * makes Agroal's active count low by one for good (this view never reports it below zero).</li>
 * <li><b>Holders.</b> The interceptor is added to the ones the pool already has (the application's are kept, in
 * their order) with the highest priority value, so it runs last when a connection is lent, after every interceptor
 * that could still fail the borrow, and first when it comes back. Agroal calls it on the borrowing and on the
 * returning thread but does not say how long the connection was held, so a return releases the returning thread's
 * most recent borrow (a connection handed to another thread releases the most recent borrow of any thread).</li>
 * <li><b>Not tracked.</b> Agroal does not call interceptors for a connection it discards on return (flush-on-close,
 * or a pool shrunk below its size at runtime), so a pool with flush-on-close is reported without holders (logged once
 * at WARN) rather than with holders that never leave. Agroal exposes no count of acquisition timeouts, so they are
 * not counted: exhaustion is seen through waiting threads.</li>
 * </ul>
 */
public final class AgroalPools {

    private static final Logger logger = LoggerFactory.getLogger(AgroalPools.class);

    private AgroalPools() {
    }

    /**
     * Instruments the pool and returns its view. Calling it again for the same data source returns a view over the
     * same tracking and adds no second interceptor. Attach at startup: the pool's interceptor list is read and
     * replaced, so an application changing its interceptors at the same moment could lose its change.
     *
     * @param dataSource the pool
     * @param name the name to report (Agroal pools have none)
     * @param time the clock holders are recorded with
     */
    public static PoolView attach(AgroalDataSource dataSource, String name, TimeSource time) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        AgroalDataSourceConfiguration configuration = dataSource.getConfiguration();
        if (!configuration.metricsEnabled()) {
            configuration.setMetricsEnabled(true);
            logger.debug("Enabled Agroal metrics of pool '{}' so its lent connections and waiting threads are counted",
                    name);
        }
        List<AgroalPoolInterceptor> existing = interceptors(dataSource);
        for (AgroalPoolInterceptor interceptor : existing) {
            if (interceptor instanceof HolderTracking tracking) {
                return new AgroalPoolView(dataSource, name, tracking.holders);
            }
        }
        AgroalConnectionPoolConfiguration pool = configuration.connectionPoolConfiguration();
        if (pool.flushOnClose() && configuration.dataSourceImplementation() != DataSourceImplementation.AGROAL_POOLLESS) {
            logger.warn("Cannot track connection holders of pool '{}': it closes connections on return (flush-on-close),"
                    + " and Agroal does not report those returns. The 'pool' check reports its counters only.", name);
            return new AgroalPoolView(dataSource, name, null);
        }
        ConnectionHolders holders = new ConnectionHolders(time, Math.max(32, pool.maxSize() * 2));
        List<AgroalPoolInterceptor> composed = new ArrayList<>(existing);
        composed.add(new HolderTracking(holders));
        dataSource.setPoolInterceptors(composed);
        return new AgroalPoolView(dataSource, name, holders);
    }

    /**
     * The pool's interceptors. Agroal 3.2 answers {@code getPoolInterceptors()} with a NullPointerException until
     * a non-empty list has been set, which means none.
     */
    static List<AgroalPoolInterceptor> interceptors(AgroalDataSource dataSource) {
        try {
            List<AgroalPoolInterceptor> interceptors = dataSource.getPoolInterceptors();
            return (interceptors != null) ? interceptors : List.of();
        }
        catch (NullPointerException ex) {
            return List.of();
        }
    }

    /** Records holders; called by Agroal on the borrowing and returning threads. Never throws. */
    static final class HolderTracking implements AgroalPoolInterceptor {

        final ConnectionHolders holders;

        HolderTracking(ConnectionHolders holders) {
            this.holders = holders;
        }

        @Override
        public void onConnectionAcquire(Connection connection) {
            this.holders.acquired();
        }

        @Override
        public void onConnectionReturn(Connection connection) {
            // Agroal does not say how long it was held: release this thread's most recent borrow.
            this.holders.released(0);
        }

        /** Last on acquire, first on return (Agroal calls return interceptors in reverse order). */
        @Override
        public int getPriority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public String toString() {
            return "diagnostics connection holder tracking";
        }
    }

    /** Reads Agroal's counters; they move only while the pool's metrics are enabled. */
    static final class AgroalPoolView implements PoolView {

        private final AgroalDataSource dataSource;

        private final String name;

        private final ConnectionHolders holders;

        AgroalPoolView(AgroalDataSource dataSource, String name, ConnectionHolders holders) {
            this.dataSource = dataSource;
            this.name = name;
            this.holders = holders;
        }

        @Override
        public String name() {
            return this.name;
        }

        @Override
        public int active() {
            AgroalDataSourceMetrics metrics = this.dataSource.getMetrics();
            long active = metrics.activeCount();
            long total = active + metrics.availableCount();
            return (int) Math.max(0, Math.min(active, total));
        }

        @Override
        public int idle() {
            AgroalDataSourceMetrics metrics = this.dataSource.getMetrics();
            long active = metrics.activeCount();
            long total = active + metrics.availableCount();
            return (int) Math.max(0, total - Math.max(0, Math.min(active, total)));
        }

        @Override
        public int total() {
            AgroalDataSourceMetrics metrics = this.dataSource.getMetrics();
            return (int) Math.max(0, metrics.activeCount() + metrics.availableCount());
        }

        @Override
        public int max() {
            return this.dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
        }

        @Override
        public int waiting() {
            return (int) this.dataSource.getMetrics().awaitingCount();
        }

        /** Agroal's acquisition timeout; {@code null} when it is zero (wait for ever). */
        @Override
        public Duration acquireTimeout() {
            Duration timeout = this.dataSource.getConfiguration().connectionPoolConfiguration().acquisitionTimeout();
            return (timeout == null || timeout.isZero()) ? null : timeout;
        }

        @Override
        public ConnectionHolders holders() {
            return this.holders;
        }

        /** Agroal has no hook that reports a failed acquisition. */
        @Override
        public boolean countsAcquireTimeouts() {
            return false;
        }

        @Override
        public String toString() {
            return "AgroalPoolView[" + this.name + "]";
        }
    }
}

package dev.diagnostics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;

/**
 * A HikariCP {@link MetricsTrackerFactory} whose real factory arrives later. HikariCP creates a pool's tracker once,
 * when the pool starts; the trackers made here pass every call on to the real factory's tracker once
 * {@link #delegateTo(MetricsTrackerFactory)} has given it, and drop calls until then. Thread-safe.
 *
 * <p>It holds the place of the {@code MicrometerMetricsTrackerFactory} that Spring Boot's Hikari meter binder sets,
 * see {@link HikariTrackingPostProcessor}.
 */
final class DeferredMetricsTrackerFactory implements MetricsTrackerFactory {

    private final List<DeferredTracker> trackers = new ArrayList<>();

    private MetricsTrackerFactory delegate;

    @Override
    public synchronized IMetricsTracker create(String poolName, PoolStats poolStats) {
        DeferredTracker tracker = new DeferredTracker(poolName, poolStats);
        if (this.delegate != null) {
            tracker.delegateTo(this.delegate);
        }
        this.trackers.add(tracker);
        return tracker;
    }

    /** Gives the real factory; the first call wins, later ones are ignored. */
    synchronized void delegateTo(MetricsTrackerFactory delegate) {
        Objects.requireNonNull(delegate, "delegate");
        if (this.delegate != null) {
            return;
        }
        this.delegate = delegate;
        this.trackers.forEach((tracker) -> tracker.delegateTo(delegate));
    }

    synchronized boolean delegated() {
        return this.delegate != null;
    }

    /** Passes calls on to the real tracker once there is one; the pool's hot path pays one volatile read. */
    static final class DeferredTracker implements IMetricsTracker {

        private final String poolName;

        private final PoolStats poolStats;

        private volatile IMetricsTracker delegate;

        private boolean closed;

        DeferredTracker(String poolName, PoolStats poolStats) {
            this.poolName = poolName;
            this.poolStats = poolStats;
        }

        synchronized void delegateTo(MetricsTrackerFactory factory) {
            if (!this.closed && this.delegate == null) {
                this.delegate = factory.create(this.poolName, this.poolStats);
            }
        }

        @Override
        public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
            IMetricsTracker tracker = this.delegate;
            if (tracker != null) {
                tracker.recordConnectionCreatedMillis(connectionCreatedMillis);
            }
        }

        @Override
        public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
            IMetricsTracker tracker = this.delegate;
            if (tracker != null) {
                tracker.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
            }
        }

        @Override
        public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
            IMetricsTracker tracker = this.delegate;
            if (tracker != null) {
                tracker.recordConnectionUsageMillis(elapsedBorrowedMillis);
            }
        }

        @Override
        public void recordConnectionTimeout() {
            IMetricsTracker tracker = this.delegate;
            if (tracker != null) {
                tracker.recordConnectionTimeout();
            }
        }

        @Override
        public synchronized void close() {
            this.closed = true;
            if (this.delegate != null) {
                this.delegate.close();
            }
        }
    }
}

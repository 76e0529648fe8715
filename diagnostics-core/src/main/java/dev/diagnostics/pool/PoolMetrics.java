package dev.diagnostics.pool;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.diagnostics.metrics.MeterNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Exposes a pool's diagnostics, tagged {@code pool}: waiting threads, acquire timeouts, connections held past the
 * leak threshold, the longest current hold and exhaustion episodes. Holder meters exist only when the pool's holders
 * are tracked; the episode counter only with a detector.
 */
public final class PoolMetrics implements MeterBinder {

    private final PoolView pool;

    private final PoolExhaustionDetector detector;

    private final PoolCheckConfig config;

    public PoolMetrics(PoolView pool, PoolExhaustionDetector detector, PoolCheckConfig config) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.detector = detector;
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String name = this.pool.name();
        Gauge.builder(MeterNames.POOL_WAITING, this.pool, PoolView::waiting)
                .tag("pool", name).description("Threads waiting for a connection").register(registry);
        ConnectionHolders holders = this.pool.holders();
        if (holders != null) {
            if (this.pool.countsAcquireTimeouts()) {
                FunctionCounter.builder(MeterNames.POOL_ACQUIRE_TIMEOUTS, holders, ConnectionHolders::acquireTimeouts)
                        .tag("pool", name).description("Threads that gave up waiting for a connection")
                        .register(registry);
            }
            Gauge.builder(MeterNames.POOL_LEAKS_SUSPECTED, holders,
                    (tracked) -> tracked.heldLongerThan(this.config.leakThreshold()))
                    .tag("pool", name).description("Connections held longer than the leak threshold")
                    .register(registry);
            TimeGauge.builder(MeterNames.POOL_LONGEST_HOLD, holders, TimeUnit.NANOSECONDS,
                    ConnectionHolders::longestHoldNanos)
                    .tag("pool", name).description("How long the longest current holder has held its connection")
                    .register(registry);
        }
        if (this.detector != null) {
            FunctionCounter.builder(MeterNames.POOL_EXHAUSTIONS, this.detector, PoolExhaustionDetector::episodes)
                    .tag("pool", name).description("Pool exhaustion episodes").register(registry);
        }
    }
}

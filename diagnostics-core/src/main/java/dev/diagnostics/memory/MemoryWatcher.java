package dev.diagnostics.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.time.TimeSource;

/**
 * Watches the JVM's memory where it matters: what is still live after garbage collection, its trend, the share of
 * time spent collecting, and the process's resident memory against its container's limit.
 *
 * <p>It listens to the JVM's own GC notifications and to the collection-usage thresholds it arms on the old pools
 * (at {@code heap-warning}), so it sees occupancy after every collection, not the instantaneous heap use that stock
 * checks compare with 90% and that includes garbage. On a tick ({@code sample-interval}, default 5 s) it also reads
 * GC time and {@code /proc} and the cgroup files (without allocating). It never calls {@code System.gc()}.
 *
 * <p>{@link #level()} is a volatile field read: request filters read it on every request. {@link #state()} is the
 * last immutable {@link MemoryState}. Each level change is logged once (WARN when worse, INFO when better) and
 * delivered to {@linkplain #listener(MemoryLevelListener) listeners}. When heap dumps are enabled, the first
 * CRITICAL in each {@code heap-dump.min-interval} writes one.
 *
 * <p>Thread-safe. {@link #start()} subscribes and starts the tick; {@link #close()} stops both.
 */
public final class MemoryWatcher implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(MemoryWatcher.class);

    private final MemoryWatchConfig config;

    private final JvmMemory jvm;

    private final ProcessMemory process;

    private final TimeSource time;

    private final HeapDumps heapDumps;

    private final LeakTrend trend;

    private final GcOverhead gcOverhead;

    private final MovingMinimum pressure;

    private final List<MemoryLevelListener> listeners = new CopyOnWriteArrayList<>();

    private volatile MemoryLevel level = MemoryLevel.OK;

    private volatile MemoryState state;

    private volatile boolean closed;

    private volatile TimeSource.Cancellable next;

    private volatile AutoCloseable subscription;

    private MemoryWatcher(Builder builder) {
        this.config = builder.config;
        this.jvm = (builder.jvm != null) ? builder.jvm : JvmMemory.platform();
        this.process = (builder.process != null) ? builder.process : ProcessMemory.system();
        this.time = builder.time;
        this.heapDumps = this.config.heapDumpEnabled()
                ? new HeapDumps(this.config.heapDumpDirectory(), this.config.heapDumpMinInterval(),
                        builder.heapDumperSet ? builder.heapDumper : HeapDumper.platform())
                : null;
        this.trend = new LeakTrend(this.config.trendWindow().toNanos());
        this.pressure = new MovingMinimum(this.config.pressureWindow().toNanos());
        this.gcOverhead = new GcOverhead(this.config.gcOverheadWindow().toNanos(),
                this.config.sampleInterval().toNanos());
    }

    /**
     * A watcher with the given settings.
     *
     * @param config the settings
     * @param time the clock and timer of the tick
     */
    public static Builder builder(MemoryWatchConfig config, TimeSource time) {
        return new Builder(config, time);
    }

    /**
     * Subscribes to GC notifications, arms the collection-usage thresholds, takes a first sample and starts the
     * tick. Returns this.
     */
    public MemoryWatcher start() {
        try {
            this.jvm.armCollectionThreshold(this.config.heapWarning());
            this.subscription = this.jvm.onCollection(this::afterCollection);
        }
        catch (RuntimeException ex) {
            logger.info("GC notifications are not available ({}); memory is sampled every {} only", ex.toString(),
                    this.config.sampleInterval());
        }
        tick();
        return this;
    }

    /** Samples everything once and schedules the next tick. Public so tests and callers without a timer drive it. */
    public void tick() {
        try {
            sample(true);
        }
        catch (RuntimeException ex) {
            logger.debug("Sampling memory failed", ex);
        }
        finally {
            if (!this.closed) {
                this.next = this.time.schedule(this.config.sampleInterval(), this::tick);
            }
        }
    }

    /** Called after each collection (and threshold crossing): reads occupancy after GC and judges again. */
    void afterCollection() {
        if (this.closed) {
            return;
        }
        try {
            sample(false);
        }
        catch (RuntimeException ex) {
            logger.debug("Reading memory after a collection failed", ex);
        }
    }

    private void sample(boolean full) {
        MemoryState changed;
        MemoryLevel previous;
        synchronized (this) {
            long now = this.time.nanoTime();
            JvmMemoryReading reading = this.jvm.read();
            if (full) {
                this.process.refresh();
                this.gcOverhead.record(now, reading.gcTimeMillis());
            }
            if (reading.oldGenAfterGc() >= 0) {
                this.trend.record(now, reading.oldGenAfterGc());
                this.pressure.record(now, reading.oldGenAfterGc());
            }
            long floor = this.pressure.minimum(now);
            LeakTrend.Fit fit = this.trend.fit(now, reading.oldGenMax(), this.config.leakMinGrowth());
            double gcShare = this.gcOverhead.share();
            List<MemoryFinding> findings = MemoryAssessment.assess(this.config, reading, floor, fit, gcShare,
                    this.process.rssBytes(), this.process.limitBytes());
            MemoryLevel level = findings.isEmpty() ? MemoryLevel.OK : findings.get(0).level();
            MemoryState state = new MemoryState(level, findings, reading, floor, fit, gcShare,
                    this.process.rssBytes(), this.process.limitBytes(), this.process.cgroupUsageBytes(),
                    this.process.source(), this.time.now(), heapDumpsWritten());
            this.state = state;
            previous = this.level;
            this.level = level;
            changed = (previous != level) ? state : null;
            if (changed != null && level == MemoryLevel.CRITICAL && this.heapDumps != null) {
                this.heapDumps.dumpIfDue(now, state.sampledAt(), reading.heapUsed());
            }
        }
        if (changed != null) {
            announce(previous, changed);
        }
    }

    private void announce(MemoryLevel from, MemoryState state) {
        MemoryLevel to = state.level();
        if (to.compareTo(from) > 0) {
            MemoryFinding worst = state.findings().get(0);
            logger.warn("Memory {} -> {} [{}]: {}. {}", from, to, worst.code(), worst.cause(), worst.remedy());
        }
        else {
            logger.info("Memory {} -> {}{}", from, to,
                    state.findings().isEmpty() ? "" : " [" + state.findings().get(0).code() + "]");
        }
        for (MemoryLevelListener listener : this.listeners) {
            try {
                listener.levelChanged(from, state);
            }
            catch (RuntimeException ex) {
                logger.warn("A memory level listener failed", ex);
            }
        }
    }

    /** The current level: a volatile read, cheap enough for every request. */
    public MemoryLevel level() {
        return this.level;
    }

    /** The state after the last sample; {@code null} before {@link #start()}. */
    public MemoryState state() {
        return this.state;
    }

    /** Adds a listener for level changes. */
    public MemoryWatcher listener(MemoryLevelListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The settings. */
    public MemoryWatchConfig config() {
        return this.config;
    }

    /** The names of the pools read as the old generation. */
    public List<String> oldGenPools() {
        return this.jvm.oldGenPools();
    }

    /** Heap dumps written since start. */
    public long heapDumpsWritten() {
        return (this.heapDumps != null) ? this.heapDumps.written() : 0;
    }

    /** The file name of the last heap dump written, or {@code null}. */
    public String lastHeapDump() {
        return (this.heapDumps != null) ? this.heapDumps.lastFile() : null;
    }

    @Override
    public void close() {
        this.closed = true;
        TimeSource.Cancellable pending = this.next;
        if (pending != null) {
            pending.cancel();
        }
        AutoCloseable subscribed = this.subscription;
        if (subscribed != null) {
            try {
                subscribed.close();
            }
            catch (Exception ex) {
                logger.debug("Removing the GC listener failed", ex);
            }
        }
        this.process.close();
    }

    /** Builds a {@link MemoryWatcher}. Not thread-safe. */
    public static final class Builder {

        private final MemoryWatchConfig config;

        private final TimeSource time;

        private JvmMemory jvm;

        private ProcessMemory process;

        private HeapDumper heapDumper;

        private boolean heapDumperSet;

        private Builder(MemoryWatchConfig config, TimeSource time) {
            this.config = Objects.requireNonNull(config, "config");
            this.time = Objects.requireNonNull(time, "time");
        }

        /** Where JVM figures come from; default {@link JvmMemory#platform()}. */
        public Builder jvm(JvmMemory jvm) {
            this.jvm = Objects.requireNonNull(jvm, "jvm");
            return this;
        }

        /** Where process figures come from; default {@link ProcessMemory#system()}. */
        public Builder process(ProcessMemory process) {
            this.process = Objects.requireNonNull(process, "process");
            return this;
        }

        /** Writes heap dumps when enabled; default {@link HeapDumper#platform()}; {@code null} for none. */
        public Builder heapDumper(HeapDumper heapDumper) {
            this.heapDumper = heapDumper;
            this.heapDumperSet = true;
            return this;
        }

        public MemoryWatcher build() {
            return new MemoryWatcher(this);
        }
    }
}

package dev.diagnostics.memory;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.timing.RequestTiming;
import dev.diagnostics.web.RouteTable;

/**
 * The per-request half of the memory watch, shared by the Spring and Quarkus filters: optional load shedding while
 * the level is CRITICAL, and the bytes each request's thread allocated, per route template.
 *
 * <p>A filter calls, per request:
 * <pre>{@code
 * if (recorder.shed()) { answer 503 with Retry-After: recorder.retryAfterSeconds(); return; }
 * long start = recorder.begin();
 * try { chain... } finally { recorder.end(routeTemplate, start); }
 * }</pre>
 * The path allocates nothing: {@link #shed()} is a volatile read of the watcher's level (plus a thread-local random
 * draw only while CRITICAL with shedding on); {@link #begin()} and {@link #end(String, long)} read the thread's
 * allocation counter ({@link ThreadAllocation}) and record into a summary cached per route in a {@link RouteTable}.
 * No MXBean or {@code /proc} read happens per request.
 *
 * <p>What is measured is what the request's thread allocated between {@code begin} and {@code end}, the framework's
 * own work in between included; work handed to other threads is not. So it suits thread-per-request servers (servlet,
 * blocking JAX-RS), not reactive pipelines that hop threads. Thread-safe.
 */
public final class RequestMemoryRecorder {

    private final MemoryWatcher watcher;

    private final RequestMemoryConfig config;

    private final ThreadAllocation allocation;

    private final RouteTable<DistributionSummary> routes;

    private final Counter shed;

    private final long retryAfterSeconds;

    /**
     * @param watcher whose level decides shedding
     * @param config the settings
     * @param registry where per-route allocation and shed requests are recorded; {@code null} records nothing
     * @param allocation the per-thread allocation counter, usually {@link ThreadAllocation#platform()}
     */
    public RequestMemoryRecorder(MemoryWatcher watcher, RequestMemoryConfig config, MeterRegistry registry,
            ThreadAllocation allocation) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.config = Objects.requireNonNull(config, "config");
        boolean recording = registry != null && config.recordAllocation() && allocation != null
                && allocation.currentThreadAllocatedBytes() >= 0;
        this.allocation = recording ? allocation : ThreadAllocation.UNSUPPORTED;
        this.routes = recording ? new RouteTable<>(config.maxRoutes(), (route) -> DistributionSummary
                .builder(MeterNames.MEMORY_REQUEST_ALLOCATION)
                .description("Bytes allocated by the thread serving each request, by route template")
                .baseUnit("bytes")
                .tag("route", route)
                .register(registry)) : null;
        this.shed = (registry != null) ? Counter.builder(MeterNames.MEMORY_REQUESTS_SHED)
                .description("Requests answered 503 by memory load shedding while memory was critical")
                .register(registry) : null;
        this.retryAfterSeconds = config.retryAfter().toSeconds();
    }

    /**
     * Whether to refuse this request: only while the level is CRITICAL and shedding is on, for the configured share
     * of requests. Counts each refused request.
     */
    public boolean shed() {
        if (this.watcher.level() != MemoryLevel.CRITICAL) {
            return false;
        }
        double share = this.config.shedShare();
        if (share <= 0 || (share < 1 && ThreadLocalRandom.current().nextDouble() >= share)) {
            return false;
        }
        if (this.shed != null) {
            this.shed.increment();
        }
        return true;
    }

    /** The Retry-After, in seconds, of a refused request. */
    public long retryAfterSeconds() {
        return this.retryAfterSeconds;
    }

    /** Marks the start of a request on this thread: its allocation counter, or -1 when not recording. */
    public long begin() {
        return this.allocation.currentThreadAllocatedBytes();
    }

    /**
     * Records what this thread allocated since {@link #begin()}, and hands it to the request's
     * {@link RequestTiming} when request timing runs around this (for the slow-request log).
     *
     * @param routeTemplate the framework's route template, {@code null} when no route matched
     * @param begin what {@link #begin()} returned, on this same thread
     */
    public void end(String routeTemplate, long begin) {
        if (begin < 0) {
            return;
        }
        long now = this.allocation.currentThreadAllocatedBytes();
        if (now >= begin) {
            this.routes.forRoute(routeTemplate).record(now - begin);
            RequestTiming timing = RequestTiming.current();
            if (timing != null) {
                timing.allocatedBytes(now - begin);
            }
        }
    }

    /** Whether allocation is recorded (a registry, the setting on, and a JVM that measures it). */
    public boolean recordsAllocation() {
        return this.routes != null;
    }

    /** The watcher's current level. */
    public MemoryLevel level() {
        return this.watcher.level();
    }

    /** How many route templates have their own series so far. */
    public int routes() {
        return (this.routes != null) ? this.routes.size() : 0;
    }
}

package dev.diagnostics.benchmarks;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.TimeSource;
import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;
import dev.diagnostics.timing.SectionTimers;
import dev.diagnostics.timing.TimedSection;
import dev.diagnostics.timing.TimingConfig;

/**
 * Request and method timing in core, as the filters and interceptors run them.
 *
 * <ul>
 * <li>{@code requestFilterCore}: {@link RequestTimer#begin()} and {@link RequestTimer#end} for a matched route, the
 * metric on (a cached timer per route, method and status). Baseline {@code timerBaseline}: two clock reads and
 * {@code registry.timer(name, tags).record(...)}, what a hand-written filter does. Target (DESIGN.md): at most 1.5x and
 * at most +64 B/op.</li>
 * <li>{@code methodSection}: a {@link TimedSection} call's {@code start}/{@code stop} with its cached meters, outside a
 * request; {@code methodSectionInRequest} inside one (the section is charged to the request). Baseline
 * {@code timerStartStop}: {@code Timer.start(registry)} and {@code sample.stop(timer)} on a cached timer. Target: at
 * most 1.3x, 0 B/op.</li>
 * </ul>
 * The headers ({@code requestWithHeaders}) are measured for information: they build strings by nature.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class TimingBenchmark {

    static final String ROUTE = "/orders/{id}";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private RequestTimer requestTimer;

    private SectionTimers.Section section;

    private Timer cachedTimer;

    private RequestTiming boundRequest;

    /** Times with the plain system clock; nothing is scheduled. */
    static final TimeSource CLOCK = new TimeSource() {
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
            return () -> { };
        }
    };

    static class Pricing {

        @TimedSection("pricing")
        void price() {
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws NoSuchMethodException {
        TimingConfig config = TimingConfig.builder().requestMetric(true)
                .slowRequestThreshold(Duration.ofHours(1)).slowCallThreshold(Duration.ofHours(1)).build();
        this.requestTimer = new RequestTimer(config, this.registry, CLOCK);
        SectionTimers sections = new SectionTimers(config, this.registry, CLOCK);
        Method price = Pricing.class.getDeclaredMethod("price");
        this.section = sections.section(price, Pricing.class);
        this.cachedTimer = this.registry.timer("baseline.method", "section", "pricing");
        RequestTiming previous = RequestTiming.current();
        this.boundRequest = this.requestTimer.begin();
        this.boundRequest.addSection("pricing", 1);
        RequestTiming.restore(previous);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (recordedRequests() + recordedSections() + this.cachedTimer.count() == 0
                && this.registry.find("baseline.http").timers().isEmpty()) {
            throw new IllegalStateException("Nothing was recorded");
        }
    }

    long recordedRequests() {
        Timer recorded = this.registry.find(MeterNames.HTTP_SERVER_DURATION).tag("route", ROUTE).timer();
        return (recorded != null) ? recorded.count() : 0;
    }

    long recordedSections() {
        Timer method = this.registry.find(MeterNames.METHOD_DURATION).tag("section", "pricing")
                .tag("outcome", "SUCCESS").timer();
        return (method != null) ? method.count() : 0;
    }

    RequestTiming boundRequest() {
        return this.boundRequest;
    }

    @Benchmark
    public RequestTiming requestFilterCore() {
        RequestTiming timing = this.requestTimer.begin();
        this.requestTimer.end(timing, "GET", ROUTE, 200, null);
        return timing;
    }

    @Benchmark
    public String requestWithHeaders() {
        RequestTiming timing = this.requestTimer.begin();
        String processTime = this.requestTimer.processTime(timing);
        String serverTiming = this.requestTimer.serverTiming(timing);
        this.requestTimer.end(timing, "GET", ROUTE, 200, null);
        return (processTime.length() > serverTiming.length()) ? processTime : serverTiming;
    }

    @Benchmark
    public long timerBaseline() {
        long start = System.nanoTime();
        long nanos = System.nanoTime() - start;
        this.registry.timer("baseline.http", "method", "GET", "route", ROUTE, "status", "200", "outcome", "SUCCESS")
                .record(nanos, TimeUnit.NANOSECONDS);
        return nanos;
    }

    @Benchmark
    public long methodSection() {
        long start = this.section.start();
        this.section.stop(start, null);
        return start;
    }

    @Benchmark
    public long methodSectionInRequest() {
        RequestTiming previous = this.boundRequest.bind();
        long start = this.section.start();
        this.section.stop(start, null);
        RequestTiming.restore(previous);
        return start;
    }

    @Benchmark
    public long timerStartStop() {
        Timer.Sample sample = Timer.start(this.registry);
        return sample.stop(this.cachedTimer);
    }
}

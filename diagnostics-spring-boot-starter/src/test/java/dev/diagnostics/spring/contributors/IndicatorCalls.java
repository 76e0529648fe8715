package dev.diagnostics.spring.contributors;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the slow indicators of {@link SlowIndicatorsApplication} observe: how often each ran, how many ran at the
 * same time at most, and (for tests that prove parallelism structurally) a gathering point where the next N calls
 * wait for each other: if they ran one after another, the first would wait past its timeout.
 */
public final class IndicatorCalls {

    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

    private final AtomicInteger running = new AtomicInteger();

    private final AtomicInteger maxRunning = new AtomicInteger();

    private final AtomicReference<CountDownLatch> gathering = new AtomicReference<>();

    /** Makes the next {@code calls} indicator calls wait (up to {@code patience}) until all of them have started. */
    public void gatherNext(int calls) {
        this.gathering.set(new CountDownLatch(calls));
    }

    /** Whether the last gathering completed: every gathered call had started before any went on. */
    public boolean gathered() {
        CountDownLatch latch = this.gathering.get();
        return latch != null && latch.getCount() == 0;
    }

    void started(String name, Duration patience) throws InterruptedException {
        this.invocations.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
        this.maxRunning.accumulateAndGet(this.running.incrementAndGet(), Math::max);
        CountDownLatch latch = this.gathering.get();
        if (latch != null && latch.getCount() > 0) {
            latch.countDown();
            latch.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void finished() {
        this.running.decrementAndGet();
    }

    public int invocations(String name) {
        AtomicInteger count = this.invocations.get(name);
        return (count != null) ? count.get() : 0;
    }

    public int maxRunning() {
        return this.maxRunning.get();
    }

    public void reset() {
        this.invocations.clear();
        this.maxRunning.set(0);
        this.gathering.set(null);
    }
}

package dev.diagnostics.spring.contributors;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * An indicator that never answers and ignores interrupts, like a client call without a deadline of its own; with
 * stock Actuator, every request that reaches it waits forever. {@link #release()} lets it return.
 */
public final class HungHealthIndicator implements HealthIndicator {

    private final CountDownLatch release = new CountDownLatch(1);

    private final AtomicInteger invocations = new AtomicInteger();

    @Override
    public Health health() {
        this.invocations.incrementAndGet();
        boolean interrupted = false;
        while (true) {
            try {
                this.release.await();
                break;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return Health.up().build();
    }

    public int invocations() {
        return this.invocations.get();
    }

    public void release() {
        this.release.countDown();
    }
}

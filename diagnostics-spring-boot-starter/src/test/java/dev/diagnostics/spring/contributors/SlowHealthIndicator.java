package dev.diagnostics.spring.contributors;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** An ordinary indicator that takes a fixed time, like one that queries a remote dependency. */
public final class SlowHealthIndicator implements HealthIndicator {

    private final String name;

    private final Duration work;

    private final IndicatorCalls calls;

    public SlowHealthIndicator(String name, Duration work, IndicatorCalls calls) {
        this.name = name;
        this.work = work;
        this.calls = calls;
    }

    @Override
    public Health health() {
        try {
            this.calls.started(this.name, Duration.ofSeconds(5));
            Thread.sleep(this.work.toMillis());
            return Health.up().withDetail("workMs", this.work.toMillis()).build();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Health.down(ex).build();
        }
        finally {
            this.calls.finished();
        }
    }
}

package dev.diagnostics.samples.quarkus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stands in for a feed the service imports stock levels from. The fault lab can make it stale (updates stopped
 * arriving) or unreachable.
 */
@ApplicationScoped
public class InventoryFeed {

    /** What the lab has done to the feed. */
    public enum Fault {
        NONE, STALE, UNREACHABLE
    }

    private final Clock clock = Clock.systemUTC();

    private volatile Fault fault = Fault.NONE;

    private volatile Instant faultSince;

    public Fault fault() {
        return this.fault;
    }

    public void inject(Fault fault) {
        this.faultSince = this.clock.instant();
        this.fault = fault;
    }

    public void heal() {
        this.fault = Fault.NONE;
        this.faultSince = null;
    }

    /** When the last update arrived: a moment ago when healthy, when the fault began otherwise. */
    public Instant lastUpdate() {
        Instant since = this.faultSince;
        return (this.fault == Fault.NONE || since == null) ? this.clock.instant().minusSeconds(5)
                : since.minus(Duration.ofMinutes(20));
    }

    public Duration age() {
        return Duration.between(lastUpdate(), this.clock.instant());
    }
}

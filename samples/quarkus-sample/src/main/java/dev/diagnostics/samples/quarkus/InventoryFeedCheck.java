package dev.diagnostics.samples.quarkus;

import java.net.ConnectException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.Readiness;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;

/**
 * Whether stock levels are fresh. Named {@code inventoryFeed} after the class, in readiness through
 * {@link Readiness @Readiness}; {@code application.properties} makes it non-critical, so a failed feed shows as
 * DEGRADED without taking the service out of rotation.
 */
@Readiness
@ApplicationScoped
public class InventoryFeedCheck implements HealthCheck {

    private final InventoryFeed feed;

    InventoryFeedCheck(InventoryFeed feed) {
        this.feed = feed;
    }

    @Override
    public CheckResult check() throws Exception {
        return switch (this.feed.fault()) {
            case NONE -> CheckResult.up()
                    .detail("lastUpdate", this.feed.lastUpdate())
                    .build();
            case STALE -> CheckResult.degraded()
                    .detail("lastUpdate", this.feed.lastUpdate())
                    .detail("age", this.feed.age())
                    .diagnosis("inventory.feed-stale",
                            "No inventory update for " + this.feed.age().toMinutes() + " minutes (expected every minute)",
                            "Check the feed publisher's job; stock levels shown to customers may be out of date.")
                    .build();
            case UNREACHABLE -> throw new ConnectException("Connection refused: inventory-feed.internal:8443");
        };
    }

    @Override
    public boolean external() {
        return true;
    }
}

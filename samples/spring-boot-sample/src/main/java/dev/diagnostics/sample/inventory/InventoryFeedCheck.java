package dev.diagnostics.sample.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;

/**
 * The application's own check, picked up by the starter as a bean: named {@code inventoryFeed} (the bean name without
 * "Check"). {@code application.properties} puts it in readiness and makes it non-critical: a silent feed means stale
 * stock levels, which is worth a DEGRADED with a diagnosis, not taking the service out of rotation.
 */
@Component
class InventoryFeedCheck implements HealthCheck {

    private final InventoryFeed feed;

    private final Clock clock;

    private final Duration maxSilence;

    InventoryFeedCheck(InventoryFeed feed, Clock clock,
            @Value("${sample.inventory-feed.max-silence:3s}") Duration maxSilence) {
        this.feed = feed;
        this.clock = clock;
        this.maxSilence = maxSilence;
    }

    @Override
    public CheckResult check() {
        Instant last = this.feed.lastMessageAt();
        Duration silence = Duration.between(last, this.clock.instant());
        if (silence.compareTo(this.maxSilence) <= 0) {
            return CheckResult.up()
                    .detail("source", InventoryFeed.SOURCE)
                    .detail("lastMessageAt", last)
                    .build();
        }
        return CheckResult.down()
                .detail("source", InventoryFeed.SOURCE)
                .detail("lastMessageAt", last)
                .detail("silentFor", silence.withNanos(0))
                .detail("maxSilence", this.maxSilence)
                .diagnosis("inventory.feed.silent",
                        "No message from '" + InventoryFeed.SOURCE + "' for " + silence.toSeconds() + " s (allowed "
                                + this.maxSilence.toSeconds() + " s)" + (this.feed.isStalled()
                                        ? "; the feed was stalled from the fault lab" : ""),
                        "Stock levels are stale until the feed catches up. Check the producer's lag and this"
                                + " consumer's connection; in this sample, DELETE /lab/feed-stall resumes it.")
                .build();
    }

    /** The feed is a remote system: this check belongs in readiness, never in liveness. */
    @Override
    public boolean external() {
        return true;
    }
}

package dev.diagnostics.sample.inventory;

import java.time.Clock;
import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stands in for a message feed of stock updates from the warehouse: a message arrives every half second, unless the
 * fault lab has stalled the feed.
 */
@Component
public class InventoryFeed {

    /** Where messages come from; shown in health details. */
    public static final String SOURCE = "warehouse-stock-updates";

    private final Clock clock;

    private volatile Instant lastMessageAt;

    private volatile boolean stalled;

    InventoryFeed(Clock clock) {
        this.clock = clock;
        this.lastMessageAt = clock.instant();
    }

    @Scheduled(fixedDelay = 500)
    void receive() {
        if (!this.stalled) {
            this.lastMessageAt = this.clock.instant();
        }
    }

    public Instant lastMessageAt() {
        return this.lastMessageAt;
    }

    public boolean isStalled() {
        return this.stalled;
    }

    /** Stops messages from arriving (fault lab). */
    public void stall() {
        this.stalled = true;
    }

    /** Lets messages arrive again (fault lab). */
    public void resume() {
        this.stalled = false;
        this.lastMessageAt = this.clock.instant();
    }
}

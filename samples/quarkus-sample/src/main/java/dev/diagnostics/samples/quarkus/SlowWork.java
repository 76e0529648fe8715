package dev.diagnostics.samples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;

import dev.diagnostics.timing.TimedSection;

/**
 * Work that takes a while, timed as its own section: it appears in the request's {@code Server-Timing} as
 * {@code pricing;dur=...}, in {@code diagnostics.method.duration{section="pricing"}}, and in the slow-call log.
 */
@ApplicationScoped
public class SlowWork {

    /** Sleeps {@code millis}, standing in for slow computation. */
    @TimedSection("pricing")
    public void price(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}

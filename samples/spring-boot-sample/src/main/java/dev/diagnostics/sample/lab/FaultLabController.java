package dev.diagnostics.sample.lab;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.diagnostics.sample.inventory.InventoryFeed;

/**
 * Breaks the service on purpose, so you can watch the health endpoint diagnose it. POST creates a fault, DELETE
 * clears it; {@code GET /lab} lists them. Never expose such endpoints in a real service.
 */
@RestController
@RequestMapping("/lab")
class FaultLabController {

    private final DeadlockLab deadlock;

    private final InventoryFeed feed;

    FaultLabController(DeadlockLab deadlock, InventoryFeed feed) {
        this.deadlock = deadlock;
        this.feed = feed;
    }

    @GetMapping
    List<Fault> faults() {
        return List.of(
                new Fault("deadlock", this.deadlock.isActive(), "POST /lab/deadlock", "DELETE /lab/deadlock",
                        "/actuator/health/liveness",
                        "Two threads each hold a lock the other waits for. The 'deadlocks' check turns liveness DOWN"
                                + " (503) naming both threads; it inspects the JVM at most every"
                                + " diagnostics.checks.deadlocks.cache-ttl (2 s here, 10 s by default)."),
                new Fault("feed-stall", this.feed.isStalled(), "POST /lab/feed-stall", "DELETE /lab/feed-stall",
                        "/actuator/health/readiness",
                        "The inventory feed stops receiving messages. After sample.inventory-feed.max-silence (3 s)"
                                + " the non-critical 'inventoryFeed' check fails: readiness and the whole health turn"
                                + " DEGRADED, still HTTP 200, with a diagnosis."));
    }

    @PostMapping("/deadlock")
    ResponseEntity<FaultState> createDeadlock() throws InterruptedException {
        List<String> threads = this.deadlock.create();
        return ResponseEntity.ok(new FaultState("deadlock", true, threads, "/actuator/health/liveness"));
    }

    @DeleteMapping("/deadlock")
    FaultState releaseDeadlock() throws InterruptedException {
        this.deadlock.release();
        return new FaultState("deadlock", false, List.of(), "/actuator/health/liveness");
    }

    @PostMapping("/feed-stall")
    FaultState stallFeed() {
        this.feed.stall();
        return new FaultState("feed-stall", true, List.of(), "/actuator/health/readiness");
    }

    @DeleteMapping("/feed-stall")
    FaultState resumeFeed() {
        this.feed.resume();
        return new FaultState("feed-stall", false, List.of(), "/actuator/health/readiness");
    }

    record Fault(String name, boolean active, String create, String clear, String watch, String description) {
    }

    record FaultState(String fault, boolean active, List<String> threads, String watch) {
    }
}

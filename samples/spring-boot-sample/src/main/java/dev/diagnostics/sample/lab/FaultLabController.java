package dev.diagnostics.sample.lab;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    private final PoolLab pool;

    private final RedisLab redis;

    FaultLabController(DeadlockLab deadlock, InventoryFeed feed, PoolLab pool, RedisLab redis) {
        this.deadlock = deadlock;
        this.feed = feed;
        this.pool = pool;
        this.redis = redis;
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
                                + " DEGRADED, still HTTP 200, with a diagnosis."),
                new Fault("pool-hold", this.pool.isHolding(),
                        "POST /lab/pool/hold?connections=N&seconds=S&mode=idle|query", "DELETE /lab/pool",
                        "/actuator/health/readiness",
                        "N threads each borrow a connection and hold it S seconds, idle or inside a sleeping query."
                                + " With N at least the pool's size (4 here) and one more waiting, the 'pool' check is"
                                + " DOWN as exhausted, naming the holders, while 'db' stays UP through a direct"
                                + " connection."),
                new Fault("pool-leak", this.pool.leakedConnections() > 0, "POST /lab/pool/leak", "DELETE /lab/pool",
                        "/actuator/health/readiness",
                        "An 'order-worker' thread borrows a connection and never returns it. After"
                                + " diagnostics.pool.leak-threshold (10 s here, 30 s by default) the 'pool' check is"
                                + " DEGRADED as a suspected leak, naming the thread and where it is now."),
                new Fault("slow-query", this.pool.isRunningSlowQueries(), "POST /lab/db/slow-query?seconds=S",
                        "DELETE /lab/pool", "/actuator/health/readiness",
                        "A query that sleeps S seconds on the server (pg_sleep on PostgreSQL, a SLEEP function on H2)."
                                + " Its thread is listed among the pool's holders as inside a JDBC call; on PostgreSQL"
                                + " the 'postgres' check lists it once it runs longer than"
                                + " diagnostics.postgres.long-running-query (10 s here)."),
                new Fault("redis-fill", this.redis.isFilled(), "POST /lab/redis/fill?mb=N", "DELETE /lab/redis",
                        "/actuator/health/readiness",
                        "Writes N MB of keys to Redis until it answers OOM. Only with the 'redis' profile, on a"
                                + " Redis on this machine with a maxmemory and maxmemory-policy noeviction (a private"
                                + " one, see the README); refused otherwise. The 'redis' check turns DEGRADED near"
                                + " maxmemory and DOWN with the OOM diagnosis once writes fail."));
    }

    @PostMapping("/redis/fill")
    ResponseEntity<?> fillRedis(@RequestParam(defaultValue = "4") int mb) throws InterruptedException {
        if (mb < 1 || mb > 256) {
            return ResponseEntity.badRequest().body(new Problem("mb must be 1 to 256"));
        }
        try {
            RedisLab.Filled filled = this.redis.fill(mb);
            return ResponseEntity.ok(new RedisFaultState("redis-fill", true, filled.keys(), filled.bytes(),
                    filled.maxmemory(), filled.policy(), filled.outOfMemory(), filled.redisError(),
                    "/actuator/health/readiness"));
        }
        catch (RedisLab.Refused ex) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(ex.getMessage()));
        }
    }

    @DeleteMapping("/redis")
    RedisReleased clearRedis() {
        return new RedisReleased("redis-fill", this.redis.clear(), "/actuator/health/readiness");
    }

    @PostMapping("/pool/hold")
    ResponseEntity<?> holdConnections(@RequestParam(defaultValue = "4") int connections,
            @RequestParam(defaultValue = "60") int seconds, @RequestParam(defaultValue = "idle") String mode)
            throws InterruptedException {
        if (connections < 1 || connections > 50 || seconds < 1 || seconds > 600) {
            return ResponseEntity.badRequest().body(new Problem("connections must be 1 to 50, seconds 1 to 600"));
        }
        PoolLab.Mode holdMode;
        try {
            holdMode = PoolLab.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return ResponseEntity.badRequest().body(new Problem("mode must be idle or query"));
        }
        PoolLab.Holding holding = this.pool.hold(connections, Duration.ofSeconds(seconds), holdMode);
        return ResponseEntity.ok(new PoolFaultState("pool-hold", true, holding.threads(), holding.holding(),
                holding.waiting(), "/actuator/health/readiness"));
    }

    @PostMapping("/pool/leak")
    FaultState leakConnection() throws InterruptedException {
        return new FaultState("pool-leak", true, List.of(this.pool.leak()), "/actuator/health/readiness");
    }

    @PostMapping("/db/slow-query")
    ResponseEntity<?> slowQuery(@RequestParam(defaultValue = "30") int seconds) throws InterruptedException {
        if (seconds < 1 || seconds > 600) {
            return ResponseEntity.badRequest().body(new Problem("seconds must be 1 to 600"));
        }
        String thread = this.pool.slowQuery(Duration.ofSeconds(seconds));
        return ResponseEntity.ok(new FaultState("slow-query", true, List.of(thread), "/actuator/health/readiness"));
    }

    @DeleteMapping("/pool")
    Released releaseConnections() throws InterruptedException {
        return new Released("pool", this.pool.releaseAll(), "/actuator/health/readiness");
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

    record PoolFaultState(String fault, boolean active, List<String> threads, int holding, int waiting,
            String watch) {
    }

    record Released(String fault, int released, String watch) {
    }

    record RedisFaultState(String fault, boolean active, int keys, long bytes, long maxmemory, String policy,
            boolean outOfMemory, String redisError, String watch) {
    }

    record RedisReleased(String fault, long deleted, String watch) {
    }

    record Problem(String error) {
    }
}

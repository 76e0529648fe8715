package dev.diagnostics.samples.quarkus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The fault lab: endpoints that break the service on purpose, so you can watch the health endpoints react. Never
 * expose such endpoints in a real service.
 */
@Path("/lab")
@Produces(MediaType.APPLICATION_JSON)
public class LabResource {

    private final DeadlockLab deadlock;

    private final InventoryFeed feed;

    private final PoolLab pool;

    private final RedisLab redis;

    LabResource(DeadlockLab deadlock, InventoryFeed feed, PoolLab pool, RedisLab redis) {
        this.deadlock = deadlock;
        this.feed = feed;
        this.pool = pool;
        this.redis = redis;
    }

    @GET
    public Map<String, Object> faults() {
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("deadlock", fault(this.deadlock.active(),
                "Two threads deadlock on two ReentrantLocks; /q/health/live goes DOWN (503) with jvm.deadlock.",
                List.of("POST /lab/deadlock", "DELETE /lab/deadlock")));
        faults.put("inventoryFeed", fault(this.feed.fault() != InventoryFeed.Fault.NONE,
                "The inventory feed goes stale (DEGRADED) or unreachable (DOWN); the check is not critical, so"
                        + " /q/health/ready stays 200 and shows status DEGRADED.",
                List.of("POST /lab/inventory-feed/stale", "POST /lab/inventory-feed/unreachable",
                        "DELETE /lab/inventory-feed")));
        faults.put("poolHold", fault(this.pool.holding(),
                "N threads each borrow a connection and hold it S seconds, idle or inside a sleeping query. With N"
                        + " above the pool's size (4 here), so that a thread waits, 'pool' is DOWN as exhausted (503),"
                        + " naming the holders, while 'db' stays UP through a direct connection.",
                List.of("POST /lab/pool/hold?connections=N&seconds=S&mode=idle|query", "DELETE /lab/pool")));
        faults.put("poolLeak", fault(this.pool.leakedConnections() > 0,
                "An 'order-worker' thread borrows a connection and never returns it. After"
                        + " quarkus.diagnostics.pool.leak-threshold (10 s here, 30 s by default) 'pool' is DEGRADED as"
                        + " a suspected leak, naming the thread and where it is now.",
                List.of("POST /lab/pool/leak", "DELETE /lab/pool")));
        faults.put("slowQuery", fault(this.pool.runningSlowQueries(),
                "A query that sleeps S seconds in the database (pg_sleep on PostgreSQL, a SLEEP function on H2). Its"
                        + " thread is listed among the pool's holders as inside a JDBC call; on PostgreSQL the"
                        + " 'postgres' check lists it once it runs longer than"
                        + " quarkus.diagnostics.postgres.long-running-query (10 s here).",
                List.of("POST /lab/db/slow-query?seconds=S", "DELETE /lab/pool")));
        faults.put("redisFill", fault(false,
                "Fills Redis with N values of 1 MB: 'redis' turns DEGRADED above"
                        + " quarkus.diagnostics.redis.memory-warning of maxmemory, and once Redis refuses writes"
                        + " (noeviction) the lab reports the OOM error. Only with REDIS_URL set, and only on a loopback"
                        + " Redis with maxmemory set; refused (409) otherwise.",
                List.of("POST /lab/redis/fill?mb=N", "DELETE /lab/redis")));
        faults.put("jwt", fault(false,
                "JWT faults: a rogue instance with another secret joins the key registry (DOWN, with REDIS_URL set),"
                        + " and tokens signed with another secret (DEGRADED). See GET /lab/jwt.",
                List.of("GET /lab/jwt", "POST /lab/jwt/rogue-instance", "POST /lab/jwt/foreign-tokens?count=N")));
        return faults;
    }

    @POST
    @Path("/redis/fill")
    public Response fillRedis(@QueryParam("mb") @DefaultValue("10") int megabytes) {
        if (megabytes < 1 || megabytes > 1024) {
            return badRequest("mb must be 1 to 1024");
        }
        String refusal = this.redis.refusal();
        if (refusal != null) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("problem", refusal)).build();
        }
        return Response.ok(this.redis.fill(megabytes)).build();
    }

    @DELETE
    @Path("/redis")
    public Map<String, Object> clearRedis() {
        return Map.of("redis", "cleared", "deletedKeys", this.redis.clear());
    }

    @POST
    @Path("/pool/hold")
    public Response holdConnections(@QueryParam("connections") @DefaultValue("5") int connections,
            @QueryParam("seconds") @DefaultValue("60") int seconds, @QueryParam("mode") @DefaultValue("idle") String mode)
            throws InterruptedException {
        if (connections < 1 || connections > 50 || seconds < 1 || seconds > 600) {
            return badRequest("connections must be 1 to 50, seconds 1 to 600");
        }
        PoolLab.Mode holdMode;
        try {
            holdMode = PoolLab.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return badRequest("mode must be idle or query");
        }
        PoolLab.Holding holding = this.pool.hold(connections, Duration.ofSeconds(seconds), holdMode);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("poolHold", "active");
        state.put("threads", holding.threads());
        state.put("holding", holding.holding());
        state.put("waiting", holding.waiting());
        return Response.ok(state).build();
    }

    @POST
    @Path("/pool/leak")
    public Map<String, Object> leakConnection() throws InterruptedException {
        return Map.of("poolLeak", "active", "threads", List.of(this.pool.leak()));
    }

    @POST
    @Path("/db/slow-query")
    public Response slowQuery(@QueryParam("seconds") @DefaultValue("30") int seconds) throws InterruptedException {
        if (seconds < 1 || seconds > 600) {
            return badRequest("seconds must be 1 to 600");
        }
        return Response.ok(Map.of("slowQuery", "running", "threads", List.of(this.pool.slowQuery(
                Duration.ofSeconds(seconds))))).build();
    }

    @DELETE
    @Path("/pool")
    public Map<String, Object> releaseConnections() throws InterruptedException {
        return Map.of("pool", "released", "released", this.pool.releaseAll());
    }

    @POST
    @Path("/deadlock")
    public Response startDeadlock() {
        boolean started = this.deadlock.start();
        return Response.status(started ? Response.Status.CREATED : Response.Status.OK)
                .entity(Map.of("deadlock", "active", "threads", this.deadlock.threadNames()))
                .build();
    }

    @DELETE
    @Path("/deadlock")
    public Map<String, Object> releaseDeadlock() {
        return Map.of("deadlock", this.deadlock.release() ? "released" : "none");
    }

    @POST
    @Path("/inventory-feed/stale")
    public Map<String, Object> staleFeed() {
        this.feed.inject(InventoryFeed.Fault.STALE);
        return Map.of("inventoryFeed", "stale");
    }

    @POST
    @Path("/inventory-feed/unreachable")
    public Map<String, Object> unreachableFeed() {
        this.feed.inject(InventoryFeed.Fault.UNREACHABLE);
        return Map.of("inventoryFeed", "unreachable");
    }

    @DELETE
    @Path("/inventory-feed")
    public Map<String, Object> healFeed() {
        this.feed.heal();
        return Map.of("inventoryFeed", "healthy");
    }

    private static Response badRequest(String problem) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("problem", problem)).build();
    }

    private static Map<String, Object> fault(boolean active, String what, List<String> endpoints) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("active", active);
        fault.put("what", what);
        fault.put("endpoints", endpoints);
        return fault;
    }
}

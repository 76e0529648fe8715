package dev.diagnostics.samples.quarkus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The fault lab: endpoints that break the service on purpose, so you can watch the health endpoints react. */
@Path("/lab")
@Produces(MediaType.APPLICATION_JSON)
public class LabResource {

    private final DeadlockLab deadlock;

    private final InventoryFeed feed;

    LabResource(DeadlockLab deadlock, InventoryFeed feed) {
        this.deadlock = deadlock;
        this.feed = feed;
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
        return faults;
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

    private static Map<String, Object> fault(boolean active, String what, List<String> endpoints) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("active", active);
        fault.put("what", what);
        fault.put("endpoints", endpoints);
        return fault;
    }
}

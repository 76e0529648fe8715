package dev.diagnostics.samples.quarkus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.diagnostics.memory.MemoryWatcher;
import dev.diagnostics.quarkus.runtime.MemoryDiagnostics;

/**
 * The memory lab: retain memory until the {@code memory} check sees the old generation fill after GC (WARN at 80% by
 * default, DEGRADED; CRITICAL at 90%, DOWN in readiness, never in liveness), and an endpoint that allocates a lot of
 * short-lived garbage per call. Retention is bounded: at most 92% of the maximum heap and 1 GB in all, so the lab
 * cannot take the JVM down. Never expose such endpoints in a real service.
 */
@Path("/lab/memory")
@Produces(MediaType.APPLICATION_JSON)
public class MemoryLabResource {

    private static final int CHUNK = 1024 * 1024;

    private static final long ABSOLUTE_CAP = 1024L * 1024 * 1024;

    /**
     * Retained memory is held in arrays of this size: below half of G1's smallest region (1 MB), so none is a
     * "humongous" object that takes whole regions and fills a small heap long before its bytes would.
     */
    private static final int RETAINED_PIECE = 256 * 1024;

    private static volatile byte[] sink;

    private final List<byte[]> retained = new ArrayList<>();

    private final MemoryDiagnostics memory;

    MemoryLabResource(MemoryDiagnostics memory) {
        this.memory = memory;
    }

    /** Allocates {@code mb} MB (1 to 512) of garbage in 256 KB arrays and keeps none of it. */
    @GET
    @Path("/allocate")
    public Map<String, Object> allocate(@QueryParam("mb") @DefaultValue("64") int mb) {
        int chunks = Math.max(1, Math.min(512, mb));
        long total = 0;
        for (int i = 0; i < chunks; i++) {
            for (int piece = 0; piece < CHUNK / RETAINED_PIECE; piece++) {
                sink = new byte[RETAINED_PIECE];
                total += sink.length;
            }
        }
        return Map.of("allocatedMb", total / CHUNK);
    }

    /**
     * Retains memory until the old generation after GC, the application's own live data included, would make up
     * {@code share} of the maximum heap (at most 0.92; the memory check's WARN is 0.80 and CRITICAL 0.90 by
     * default), or adds {@code mb} MB. Never beyond 92% of the heap with the rest of the application's live data
     * counted, nor 1 GB; an allocation that fails anyway stops it ({@code heapFull}).
     */
    @POST
    @Path("/retain")
    public synchronized Map<String, Object> retain(@QueryParam("mb") Integer mb, @QueryParam("share") Double share) {
        long max = Runtime.getRuntime().maxMemory();
        long others = othersLive();
        long cap = Math.max(0, Math.min(ABSOLUTE_CAP, (long) (max * 0.92) - others));
        long target = (share != null) ? (long) (max * Math.max(0, Math.min(0.92, share))) - others
                : retainedBytes() + (long) Math.max(1, (mb != null) ? mb : 64) * CHUNK;
        target = Math.min(cap, target);
        boolean heapFull = false;
        try {
            while (retainedBytes() + RETAINED_PIECE <= target) {
                this.retained.add(new byte[RETAINED_PIECE]);
            }
        }
        catch (OutOfMemoryError ex) {
            // The rest of the application holds more than estimated: give back a tenth of the heap (at least 32 MB),
            // so the service keeps answering with the heap nearly full, which is what the lab is for.
            long keep = Math.max(0, retainedBytes() - Math.max(32L * CHUNK, max / 10));
            while (retainedBytes() > keep) {
                this.retained.remove(this.retained.size() - 1);
            }
            heapFull = true;
        }
        Map<String, Object> state = state();
        state.put("heapFull", heapFull);
        return state;
    }

    /** Lets go of everything retained. */
    @DELETE
    public synchronized Map<String, Object> release() {
        this.retained.clear();
        return state();
    }

    /** What is retained, the heap's size and the memory watch's level. */
    @GET
    public synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("retainedMb", retainedBytes() / CHUNK);
        state.put("maxHeapMb", Runtime.getRuntime().maxMemory() / CHUNK);
        MemoryWatcher watcher = this.memory.watcher();
        state.put("level", (watcher != null) ? watcher.level().name() : "off");
        return state;
    }

    /**
     * What the rest of the application keeps live: the old generation after the last collections (from the memory
     * watch) less what this lab retains; the heap in use when the watch has no reading yet.
     */
    private long othersLive() {
        MemoryWatcher watcher = this.memory.watcher();
        long afterGc = (watcher != null) ? watcher.state().oldGenAfterGc() : -1;
        long live = (afterGc >= 0) ? afterGc : Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        return Math.max(0, live - retainedBytes());
    }

    private long retainedBytes() {
        return (long) this.retained.size() * RETAINED_PIECE;
    }
}

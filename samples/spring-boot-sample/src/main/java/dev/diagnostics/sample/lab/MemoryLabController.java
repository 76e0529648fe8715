package dev.diagnostics.sample.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.diagnostics.memory.MemoryWatcher;

/**
 * The memory lab: an endpoint that allocates a lot per call (watch it top {@code diagnostics.memory.request.allocation}
 * by route), and one that retains memory so the {@code memory} check sees live data after GC grow. Retention is
 * bounded: at most 92% of the maximum heap and at most 1 GB, so the lab cannot take the machine (or the JVM) down.
 * Never expose such endpoints in a real service.
 */
@RestController
@RequestMapping("/lab/memory")
class MemoryLabController {

    private static final int CHUNK = 1024 * 1024;

    private static final long ABSOLUTE_CAP = 1024L * 1024 * 1024;

    /**
     * Retained memory is held in arrays of this size: below half of G1's smallest region (1 MB), so none is a
     * "humongous" object that takes whole regions and fills a small heap long before its bytes would.
     */
    private static final int RETAINED_PIECE = 256 * 1024;

    private static volatile byte[] sink;

    private final List<byte[]> retained = new ArrayList<>();

    private final MemoryWatcher watcher;

    MemoryLabController(MemoryWatcher watcher) {
        this.watcher = watcher;
    }

    /** Allocates {@code mb} MB of short-lived garbage (1 to 512) in 256 KB arrays, and keeps none of it. */
    @GetMapping("/allocate")
    Map<String, Object> allocate(@RequestParam(defaultValue = "64") int mb) {
        int chunks = Math.max(1, Math.min(512, mb));
        long checksum = 0;
        for (int i = 0; i < chunks; i++) {
            for (int piece = 0; piece < CHUNK / RETAINED_PIECE; piece++) {
                sink = new byte[RETAINED_PIECE];
                checksum += sink.length;
            }
        }
        return Map.of("allocatedMb", checksum / CHUNK);
    }

    /**
     * Retains memory until the old generation after GC, the application's own live data included, would make up
     * {@code share} of the maximum heap (at most 0.92; the memory check's WARN is 0.80 and CRITICAL 0.90 by
     * default), or adds {@code mb} MB. Never beyond 92% of the heap with the rest of the application's live data
     * counted, nor 1 GB; an allocation that fails anyway stops it ({@code heapFull}).
     */
    @PostMapping("/retain")
    synchronized Map<String, Object> retain(@RequestParam(required = false) Integer mb,
            @RequestParam(required = false) Double share) {
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
    @DeleteMapping
    synchronized Map<String, Object> release() {
        this.retained.clear();
        return state();
    }

    @GetMapping
    synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("retainedMb", retainedBytes() / CHUNK);
        state.put("maxHeapMb", Runtime.getRuntime().maxMemory() / CHUNK);
        state.put("level", this.watcher.level().name());
        return state;
    }

    /**
     * What the rest of the application keeps live: the old generation after the last collections (from the memory
     * watch) less what this lab retains; the heap in use when the watch has no reading yet.
     */
    private long othersLive() {
        MemoryWatcher watcher = this.watcher;
        long afterGc = (watcher != null) ? watcher.state().oldGenAfterGc() : -1;
        long live = (afterGc >= 0) ? afterGc : Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        return Math.max(0, live - retainedBytes());
    }

    private long retainedBytes() {
        return (long) this.retained.size() * RETAINED_PIECE;
    }
}

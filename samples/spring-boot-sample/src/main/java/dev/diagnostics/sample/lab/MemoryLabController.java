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

    private static volatile byte[] sink;

    private final List<byte[]> retained = new ArrayList<>();

    private final MemoryWatcher watcher;

    MemoryLabController(MemoryWatcher watcher) {
        this.watcher = watcher;
    }

    /** Allocates {@code mb} MB of short-lived garbage (1 to 512) in 1 MB arrays, and keeps none of it. */
    @GetMapping("/allocate")
    Map<String, Object> allocate(@RequestParam(defaultValue = "64") int mb) {
        int chunks = Math.max(1, Math.min(512, mb));
        long checksum = 0;
        for (int i = 0; i < chunks; i++) {
            sink = new byte[CHUNK];
            checksum += sink.length;
        }
        return Map.of("allocatedMb", checksum / CHUNK);
    }

    /**
     * Retains memory until the retained arrays make up {@code share} of the maximum heap (at most 0.92), or adds
     * {@code mb} MB; bounded by 92% of the heap and 1 GB in all.
     */
    @PostMapping("/retain")
    synchronized Map<String, Object> retain(@RequestParam(required = false) Integer mb,
            @RequestParam(required = false) Double share) {
        long max = Runtime.getRuntime().maxMemory();
        long cap = Math.min(ABSOLUTE_CAP, (long) (max * 0.92));
        long target = (share != null) ? (long) (max * Math.max(0, Math.min(0.92, share)))
                : retainedBytes() + (long) Math.max(1, (mb != null) ? mb : 64) * CHUNK;
        target = Math.min(cap, target);
        while (retainedBytes() + CHUNK <= target) {
            this.retained.add(new byte[CHUNK]);
        }
        return state();
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

    private long retainedBytes() {
        return (long) this.retained.size() * CHUNK;
    }
}

package dev.diagnostics.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.diagnostics.time.TimeSource;

/**
 * A registry inside one JVM: for tests, and for several engines in one process. Entries expire by the given
 * {@link TimeSource}. Thread-safe.
 */
public final class InMemoryKeyFingerprintRegistry implements KeyFingerprintRegistry {

    private final TimeSource time;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public InMemoryKeyFingerprintRegistry(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public CompletionStage<Void> publish(KeyAnnouncement announcement, Duration ttl) {
        this.entries.put(announcement.instanceId(), new Entry(announcement, this.time.now().plus(ttl)));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<KeyAnnouncement> live(Duration timeout) {
        Instant now = this.time.now();
        List<KeyAnnouncement> live = new ArrayList<>();
        this.entries.values().removeIf((entry) -> !entry.expiresAt().isAfter(now));
        this.entries.values().forEach((entry) -> live.add(entry.announcement()));
        return live;
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    private record Entry(KeyAnnouncement announcement, Instant expiresAt) {
    }
}

package dev.diagnostics.redis;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.metrics.MeterNames;

/**
 * Exposes a {@link RedisCheck}'s measurements, tagged {@code redis}: the PING round trip of each probe and the
 * used_memory / maxmemory ratio from the last INFO. The names are meant to move to
 * {@code dev.diagnostics.metrics.MeterNames}.
 */
public final class RedisMetrics implements MeterBinder {

    /** Timer, tag {@code redis}: PING round trip of each probe that got an answer. */
    public static final String PING = MeterNames.REDIS_PING;

    /** Gauge, tag {@code redis}: used_memory / maxmemory from the last INFO; NaN without maxmemory. */
    public static final String MEMORY_RATIO = MeterNames.REDIS_MEMORY_RATIO;

    private final RedisCheck check;

    private final String name;

    /**
     * @param check the check whose measurements to expose
     * @param name the {@code redis} tag, usually the check's registration name
     */
    public RedisMetrics(RedisCheck check, String name) {
        this.check = Objects.requireNonNull(check, "check");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Timer ping = Timer.builder(PING).tag("redis", this.name).description("PING round trip of the redis check")
                .register(registry);
        this.check.onPing((nanos) -> ping.record(nanos, TimeUnit.NANOSECONDS));
        Gauge.builder(MEMORY_RATIO, this.check, RedisCheck::memoryRatio).tag("redis", this.name)
                .description("used_memory / maxmemory of Redis; NaN without maxmemory").register(registry);
    }
}

package dev.diagnostics.redis;

import java.util.Map;
import java.util.Objects;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;

import dev.diagnostics.time.TimeSource;
import dev.diagnostics.timing.RequestTiming;

/**
 * A lettuce {@link CommandListener} that charges each Redis command to the request that issued it: lettuce reports a
 * command's start on the issuing thread, where the request's {@link RequestTiming} is bound, and its end on an I/O
 * thread; the timing and the start travel in the event's context from one to the other. Commands issued outside a
 * timed request cost one thread-local read. Install with {@link #install(AbstractRedisClient, TimeSource)}.
 */
public final class RedisCommandTiming implements CommandListener {

    private static final String TIMING = RedisCommandTiming.class.getName() + ".timing";

    private static final String START = RedisCommandTiming.class.getName() + ".start";

    private final TimeSource time;

    public RedisCommandTiming(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Adds a listener to the client; commands of every connection it opens are timed. Returns the listener. */
    public static RedisCommandTiming install(AbstractRedisClient client, TimeSource time) {
        RedisCommandTiming listener = new RedisCommandTiming(time);
        client.addListener(listener);
        return listener;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        RequestTiming timing = RequestTiming.current();
        if (timing != null) {
            Map<String, Object> context = event.getContext();
            context.put(TIMING, timing);
            context.put(START, this.time.nanoTime());
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        finished(event.getContext());
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        finished(event.getContext());
    }

    private void finished(Map<String, Object> context) {
        if (context.get(TIMING) instanceof RequestTiming timing && context.get(START) instanceof Long start) {
            timing.addRedis(this.time.nanoTime() - start);
        }
    }
}

package dev.diagnostics.jwt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.diagnostics.time.TimeSource;

/** A {@link Clock} reading a {@link TimeSource}, for java-jwt's verifier. */
final class TimeSourceClock extends Clock {

    private final TimeSource time;

    TimeSourceClock(TimeSource time) {
        this.time = time;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return this.time.now();
    }
}

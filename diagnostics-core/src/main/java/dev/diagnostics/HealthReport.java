package dev.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of evaluating a group of checks (or all of them): the aggregate status, when and how long, and each
 * check's {@link CheckReport}. Immutable.
 *
 * <p>The aggregate is the worst {@linkplain CheckReport#contribution() contribution}: DOWN over DEGRADED over UP;
 * UNKNOWN only when every check is UNKNOWN; UP when there are no checks.
 */
public final class HealthReport {

    private final String group;

    private final Status status;

    private final Instant timestamp;

    private final Duration duration;

    private final Map<String, CheckReport> checks;

    public HealthReport(String group, Instant timestamp, Duration duration, Map<String, CheckReport> checks) {
        this.group = group;
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.checks = Collections.unmodifiableMap(new TreeMap<>(checks));
        this.status = aggregate(this.checks);
    }

    private static Status aggregate(Map<String, CheckReport> checks) {
        if (checks.isEmpty()) {
            return Status.UP;
        }
        Status worst = Status.UNKNOWN;
        for (CheckReport check : checks.values()) {
            worst = Status.worst(worst, check.contribution());
        }
        return worst;
    }

    /** The evaluated group, or empty for the whole report. */
    public Optional<String> group() {
        return Optional.ofNullable(this.group);
    }

    public Status status() {
        return this.status;
    }

    /** 503 when DOWN, 200 otherwise (DEGRADED included). */
    public int httpStatus() {
        return this.status.httpStatus();
    }

    public Instant timestamp() {
        return this.timestamp;
    }

    public Duration duration() {
        return this.duration;
    }

    /** Each check by name, sorted by name. */
    public Map<String, CheckReport> checks() {
        return this.checks;
    }

    public Optional<CheckReport> check(String name) {
        return Optional.ofNullable(this.checks.get(name));
    }

    @Override
    public String toString() {
        return "HealthReport[" + ((this.group != null) ? this.group + ", " : "") + this.status + ", "
                + this.checks.size() + " checks, " + this.duration.toMillis() + " ms]";
    }
}

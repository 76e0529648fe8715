package dev.diagnostics.memory;

import dev.diagnostics.Status;

/** How much memory trouble the {@link MemoryWatcher} sees. Ordered from best to worst. */
public enum MemoryLevel {

    /** Nothing to report. The {@code memory} check is UP. */
    OK(Status.UP),

    /** Pressure, a suspected leak, GC overhead or process memory above the warning thresholds: DEGRADED. */
    WARN(Status.DEGRADED),

    /** Above the critical thresholds: the {@code memory} check is DOWN, so readiness takes the instance out. */
    CRITICAL(Status.DOWN);

    private final Status status;

    MemoryLevel(Status status) {
        this.status = status;
    }

    /** The health status this level is reported as. */
    public Status status() {
        return this.status;
    }

    /** The worse of this level and the other one. */
    public MemoryLevel max(MemoryLevel other) {
        return (other.ordinal() > ordinal()) ? other : this;
    }
}

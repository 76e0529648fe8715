package dev.diagnostics;

/**
 * The state of one check or of a whole report.
 *
 * <p>Aggregation ranks {@link #DOWN} above {@link #DEGRADED} above {@link #UP}; {@link #UNKNOWN} wins only when
 * nothing else is known, the way Spring Boot Actuator treats it. HTTP mapping: {@link #DOWN} is 503, every
 * other status 200.
 */
public enum Status {

    /** Working as expected. */
    UP(2, 200),

    /** Working, but something needs attention (a non-critical check failed, a resource is nearly full). */
    DEGRADED(1, 200),

    /** Not working: readiness should take the instance out of rotation, liveness should restart it. */
    DOWN(0, 503),

    /** Not known yet (never evaluated) or not applicable. */
    UNKNOWN(3, 200);

    private final int rank;

    private final int httpStatus;

    Status(int rank, int httpStatus) {
        this.rank = rank;
        this.httpStatus = httpStatus;
    }

    /** The HTTP status a health endpoint answers with for this status: 503 for DOWN, 200 otherwise. */
    public int httpStatus() {
        return this.httpStatus;
    }

    /** Whether this status is worse than (takes precedence over) the other in aggregation. */
    public boolean isWorseThan(Status other) {
        return this.rank < other.rank;
    }

    /** The worse of two statuses by the aggregation order. */
    public static Status worst(Status a, Status b) {
        return b.isWorseThan(a) ? b : a;
    }
}

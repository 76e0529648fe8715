package dev.diagnostics;

/**
 * Decides the reported status from a run of observations, so one bad run does not flip a check: DOWN is reported
 * after {@code failureThreshold} failed runs in a row, and a DOWN check is reported healthy again after
 * {@code successThreshold} good runs in a row. A check's first observation is reported as it is. Not thread-safe;
 * guarded by its {@link CheckRunner}.
 */
final class Hysteresis {

    private final int failureThreshold;

    private final int successThreshold;

    private Status reported;

    private int failures;

    private int successes;

    Hysteresis(int failureThreshold, int successThreshold) {
        this.failureThreshold = failureThreshold;
        this.successThreshold = successThreshold;
    }

    Status observe(Status observed) {
        boolean failed = observed == Status.DOWN;
        if (failed) {
            this.failures++;
            this.successes = 0;
        }
        else {
            this.successes++;
            this.failures = 0;
        }
        if (this.reported == null) {
            this.reported = observed;
        }
        else if (failed) {
            if (this.failures >= this.failureThreshold) {
                this.reported = Status.DOWN;
            }
        }
        else if (this.reported != Status.DOWN || this.successes >= this.successThreshold) {
            this.reported = observed;
        }
        return this.reported;
    }

    int consecutiveFailures() {
        return this.failures;
    }

    int consecutiveSuccesses() {
        return this.successes;
    }
}

package dev.diagnostics;

import java.util.Objects;
import java.util.Set;

/**
 * One check's entry in a {@link HealthReport}: its registration facts and its result as reported after hysteresis.
 *
 * @param name the check's name
 * @param result the reported result; its status is the status after hysteresis
 * @param critical whether a failure makes the whole report DOWN rather than DEGRADED
 * @param groups the groups the check belongs to
 * @param observedStatus what the last run itself returned; differs from {@code result.status()} while hysteresis
 *        holds the previous status
 */
public record CheckReport(String name, CheckResult result, boolean critical, Set<String> groups,
        Status observedStatus) {

    public CheckReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(observedStatus, "observedStatus");
        groups = Set.copyOf(groups);
    }

    /** The reported status (after hysteresis). */
    public Status status() {
        return this.result.status();
    }

    /**
     * What this check contributes to the whole report: its status, except that a non-critical DOWN counts as
     * DEGRADED.
     */
    public Status contribution() {
        return (!this.critical && status() == Status.DOWN) ? Status.DEGRADED : status();
    }

    /** Whether hysteresis is holding a status that differs from what the last run observed. */
    public boolean held() {
        return this.observedStatus != status();
    }
}

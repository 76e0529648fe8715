package dev.diagnostics;

import java.util.Objects;

/**
 * A check's reported status changed.
 *
 * @param check the check's name
 * @param from the status reported before; {@link Status#UNKNOWN} for a check's first result
 * @param to the status reported now
 * @param report the report that carries the new status
 */
public record StatusTransition(String check, Status from, Status to, CheckReport report) {

    public StatusTransition {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(report, "report");
    }
}

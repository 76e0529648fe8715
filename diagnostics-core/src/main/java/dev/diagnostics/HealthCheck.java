package dev.diagnostics;

/**
 * One probe. It does its work and returns a result, or throws.
 *
 * <p>A check never has to handle timeouts, timing, caching or its own exceptions: the {@link HealthEngine} runs it
 * on its own bounded executor, interrupts it at its timeout, times it, caches the result and turns a thrown
 * exception (or {@link Error}, or a {@code null} result) into a sanitised DOWN result.
 *
 * <p>Implementations are called from one engine thread at a time per registration; they need not be thread-safe
 * unless registered more than once.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Runs the probe.
     *
     * @return the result; {@code null} is reported as DOWN
     * @throws Exception any failure, reported as DOWN with a sanitised error message
     */
    CheckResult check() throws Exception;

    /**
     * Whether this check talks to a system outside the process (a database, a cache, a remote service). Such a
     * check does not belong in the liveness group: the engine warns at startup when one is registered there,
     * because a database outage would make Kubernetes restart every pod.
     *
     * @return {@code false} by default
     */
    default boolean external() {
        return false;
    }

    /**
     * What it means when this check does not answer within its timeout, for checks that know what they wait on (a
     * database check stuck connecting means packets are dropped). The engine uses it for timed-out and hung runs,
     * keeping its own {@code stuckAt} detail.
     *
     * @param timeout the timeout that ran out
     * @return the diagnosis, or {@code null} for the engine's generic one
     */
    default Diagnosis timeoutDiagnosis(java.time.Duration timeout) {
        return null;
    }
}

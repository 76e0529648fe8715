package dev.diagnostics;

/**
 * Hears what the engine does. Called on engine threads: return quickly and never block. An exception thrown by a
 * listener is logged and otherwise ignored.
 */
public interface HealthListener {

    /** A check's reported status changed. Called once per transition. */
    default void onTransition(StatusTransition transition) {
    }

    /** A check finished a run (or timed out, or was found still hung). Called once per run, not per caller. */
    default void onCheckCompleted(CheckReport report) {
    }
}

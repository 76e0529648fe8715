package dev.diagnostics.metrics;

/** Every meter name the library registers, in one place. Names are lowercase and dot-separated. */
public final class MeterNames {

    /**
     * Gauge, tags {@code check} and {@code status}: 1 for the check's current reported status, 0 for the others
     * (one series per status, so alerts can match {@code status="DOWN"}).
     */
    public static final String CHECK_STATUS = "diagnostics.check.status";

    /** Timer, tags {@code check} and {@code status}: how long each run of a check took. */
    public static final String CHECK_DURATION = "diagnostics.check.duration";

    /** Counter, tags {@code check}, {@code from} and {@code to}: reported status transitions. */
    public static final String CHECK_TRANSITIONS = "diagnostics.check.transitions";

    private MeterNames() {
    }
}

package dev.diagnostics;

import java.util.Set;

/** Names of the built-in health groups. Custom groups are declared in {@link HealthEngineConfig}. */
public final class HealthGroups {

    /** "Restart me": only in-process facts (deadlocks, the engine itself). Never external dependencies. */
    public static final String LIVENESS = "liveness";

    /** "Send me traffic": external dependencies (database, cache, remote services) belong here. */
    public static final String READINESS = "readiness";

    /** "I have finished starting": checks that only matter while the application starts. */
    public static final String STARTUP = "startup";

    /** The built-in groups. */
    public static final Set<String> BUILT_IN = Set.of(LIVENESS, READINESS, STARTUP);

    private HealthGroups() {
    }
}

package dev.diagnostics.quarkus.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of the diagnostics health engine and its checks, under {@code quarkus.diagnostics}. Values are
 * bound here and validated by the core builders, so a rejected value fails startup with the property named.
 */
@ConfigMapping(prefix = "quarkus.diagnostics")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DiagnosticsConfig {

    /** The property prefix of {@link #health()}, used to name properties in error messages. */
    String HEALTH_PREFIX = "quarkus.diagnostics.health";

    /** The property prefix of {@link #checks()}. */
    String CHECKS_PREFIX = "quarkus.diagnostics.checks";

    /**
     * The health engine that runs every check.
     */
    Health health();

    /**
     * Settings of one check, by check name: the name shown in {@code /q/health}, for example
     * {@code quarkus.diagnostics.checks.deadlocks.cache-ttl=2s}. Quote names that contain a dot.
     */
    @ConfigDocMapKey("check-name")
    Map<String, Check> checks();

    /**
     * The built-in thread deadlock check, named {@code deadlocks}, in the liveness group.
     */
    Deadlocks deadlocks();

    /** Engine-wide settings. */
    interface Health {

        /**
         * Whether the checks are published to SmallRye Health ({@code /q/health} and its liveness, readiness and
         * startup endpoints). When {@code false} the engine still runs for applications that inject it.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long the caller of the health endpoints waits (Kubernetes' {@code timeoutSeconds}). The budget must be
         * shorter, so a report answers before the caller gives up.
         */
        @WithDefault("1s")
        Duration probeTimeout();

        /**
         * The longest a health response takes: checks that have not answered by then are reported DOWN as over
         * budget. Must be shorter than the probe timeout.
         */
        @WithDefault("800ms")
        Duration budget();

        /**
         * A check's timeout unless the check sets its own. At most the budget.
         */
        @WithDefault("500ms")
        Duration defaultTimeout();

        /**
         * How long a check's result is reused unless the check sets its own time-to-live. Zero runs checks on every
         * request (concurrent requests still share one run).
         */
        @WithDefault("0S")
        Duration defaultCacheTtl();

        /**
         * How many checks run at once, on the engine's own threads (1 to 256). A hung check holds one of them.
         */
        @WithDefault("4")
        int threads();

        /**
         * Custom group names, beside {@code liveness}, {@code readiness} and {@code startup}: lowercase letters,
         * digits, '_' and '-'. A check in a custom group is also served by SmallRye Health at
         * {@code /q/health/group/<group>}.
         */
        Optional<List<String>> groups();
    }

    /** Settings of one check; each one unset keeps what the check's own registration says. */
    interface Check {

        /**
         * Whether the check is registered at all.
         */
        Optional<Boolean> enabled();

        /**
         * The groups of the check, replacing its own: {@code liveness}, {@code readiness}, {@code startup} or a group
         * declared in {@code quarkus.diagnostics.health.groups}.
         */
        Optional<List<String>> groups();

        /**
         * Whether a failure of the check makes the whole report DOWN; a non-critical failure only makes it DEGRADED,
         * which SmallRye Health reports as UP with {@code status: DEGRADED} in the check's data.
         */
        Optional<Boolean> critical();

        /**
         * The check's timeout, at most {@code quarkus.diagnostics.health.budget}.
         */
        Optional<Duration> timeout();

        /**
         * How long the check's result is reused; zero runs it on every request.
         */
        Optional<Duration> cacheTtl();

        /**
         * How many failed runs in a row it takes to report a healthy check DOWN (1 to 100).
         */
        OptionalInt failureThreshold();

        /**
         * How many good runs in a row it takes to report a DOWN check healthy again (1 to 100).
         */
        OptionalInt successThreshold();
    }

    /** The built-in deadlock check. */
    interface Deadlocks {

        /**
         * Whether the thread deadlock check is registered. It inspects the JVM at most every 10 seconds unless
         * {@code quarkus.diagnostics.checks.deadlocks.cache-ttl} says otherwise.
         */
        @WithDefault("true")
        boolean enabled();
    }
}

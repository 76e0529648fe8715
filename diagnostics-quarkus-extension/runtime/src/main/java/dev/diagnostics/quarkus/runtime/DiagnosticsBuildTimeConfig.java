package dev.diagnostics.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The settings of the diagnostics extension that are fixed when the application is built, under
 * {@code quarkus.diagnostics}.
 */
@ConfigMapping(prefix = "quarkus.diagnostics")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface DiagnosticsBuildTimeConfig {

    /**
     * Database diagnostics of Agroal datasources.
     */
    Db db();

    /**
     * The health engine.
     */
    Health health();

    /** Build-time settings of the health engine. */
    interface Health {

        /**
         * The application's own MicroProfile Health checks and those of other extensions.
         */
        Contributors contributors();
    }

    /** Build-time settings of the MicroProfile Health checks the engine runs. */
    interface Contributors {

        /**
         * Whether the MicroProfile Health checks that are CDI beans (the application's and other extensions'; sync
         * {@code HealthCheck}s and SmallRye's {@code AsyncHealthCheck}s) run through the diagnostics engine: each with
         * its timeout, the whole response within the budget, one run shared by concurrent probes, and a hung check
         * holding one engine thread once. SmallRye Health still collects and shows them, in its own JSON shape.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Build-time settings of the database diagnostics. */
    interface Db {

        /**
         * Whether the {@code db} and {@code pool} checks replace Quarkus's own datasource health check
         * ("Database connections health check", enabled by {@code quarkus.datasource.health.enabled}). That check
         * borrows a connection from the pool and waits up to the acquisition timeout for it, so an exhausted pool makes
         * it report the database DOWN, slowly: the confusion the {@code db} and {@code pool} checks exist to prevent.
         * Set to {@code false} to keep both, and when turning the database diagnostics off with
         * {@code quarkus.diagnostics.db.enabled=false}, or no check covers the datasources.
         */
        @WithDefault("true")
        boolean replaceDatasourceHealthCheck();
    }
}

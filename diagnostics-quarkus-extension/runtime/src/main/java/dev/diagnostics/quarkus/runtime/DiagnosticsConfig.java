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

    /** The prefix of every property here, used to name properties in error messages. */
    String PREFIX = "quarkus.diagnostics";

    /** The property prefix of {@link #health()}, used to name properties in error messages. */
    String HEALTH_PREFIX = "quarkus.diagnostics.health";

    /** The property prefix of {@link #checks()}. */
    String CHECKS_PREFIX = "quarkus.diagnostics.checks";

    /** The property prefix of {@link #db()}. */
    String DB_PREFIX = "quarkus.diagnostics.db";

    /** The property prefix of {@link #pool()}. */
    String POOL_PREFIX = "quarkus.diagnostics.pool";

    /** The property prefix of {@link #postgres()}. */
    String POSTGRES_PREFIX = "quarkus.diagnostics.postgres";

    /** The property prefix of {@link #redis()}. */
    String REDIS_PREFIX = "quarkus.diagnostics.redis";

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

    /**
     * Database diagnostics of every Agroal datasource (with quarkus-agroal): the {@code db} check, and the
     * {@code pool} and {@code postgres} checks. The default datasource's checks are named {@code db}, {@code pool} and
     * {@code postgres}; a named datasource's get its name as a suffix ({@code db-orders}). All are in readiness.
     */
    Db db();

    /**
     * The {@code pool} check of each Agroal datasource and its exhaustion detector.
     */
    Pool pool();

    /**
     * The {@code postgres} check of each Agroal datasource whose URL is a PostgreSQL one.
     */
    Postgres postgres();

    /**
     * The {@code redis} check (with lettuce-core), in readiness: built from the application's own lettuce bean, a
     * {@code io.lettuce.core.RedisClient} with a {@code io.lettuce.core.RedisURI}, a
     * {@code io.lettuce.core.cluster.RedisClusterClient}, or a {@code io.lettuce.core.api.StatefulConnection} such as a
     * {@code StatefulRedisConnection}. Without such a bean there is no {@code redis} check.
     */
    Redis redis();

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

    /** Settings of the database diagnostics of Agroal datasources. */
    interface Db {

        /**
         * Whether database diagnostics are set up for the Agroal datasources at all. When {@code false}, no
         * {@code db}, {@code pool} or {@code postgres} check is registered and the pools are left untouched.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long the {@code db} and {@code postgres} checks wait for the pool to lend a connection. When the pool has
         * no connection to lend, they do not wait at all: they verify the server with a direct connection made with the
         * datasource's own URL and credentials.
         */
        @WithDefault("400ms")
        Duration deadline();
    }

    /** Settings of the {@code pool} check and its exhaustion detector. */
    interface Pool {

        /**
         * Whether each Agroal datasource gets a {@code pool} check, its exhaustion detector and its
         * {@code diagnostics.pool.*} meters. The {@code db} check still reads the pool's counters, so it never waits
         * on an exhausted pool.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * A connection held longer than this by a thread outside any JDBC call (or by a thread that has ended) is
         * reported as a suspected leak.
         */
        @WithDefault("30s")
        Duration leakThreshold();

        /**
         * An acquisition timeout within this window counts as exhaustion. Agroal reports no acquisition timeouts, so
         * with Agroal pools exhaustion is seen through waiting threads only and this setting has no effect.
         */
        @WithDefault("1m")
        Duration timeoutWindow();

        /**
         * How often the detector reads the pool's counters (10 ms to 1 s), so exhaustion is seen within a second of
         * the first waiting thread.
         */
        @WithDefault("250ms")
        Duration sampleInterval();

        /**
         * How many connection holders (thread, how long, where it is now) a {@code pool} result lists (0 to 1000).
         */
        @WithDefault("10")
        int holdersShown();
    }

    /** Settings of the {@code postgres} check. */
    interface Postgres {

        /**
         * Whether an Agroal datasource with a PostgreSQL URL gets a {@code postgres} check (connection headroom,
         * long-running queries, sessions idle in transaction, blocked sessions, replica lag).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The server is inspected at most this often; between inspections the check reports the last result.
         */
        @WithDefault("30s")
        Duration interval();

        /**
         * The statement timeout the inspection sets for itself.
         */
        @WithDefault("400ms")
        Duration statementTimeout();

        /**
         * An active query running longer than this is reported.
         */
        @WithDefault("5m")
        Duration longRunningQuery();

        /**
         * A session idle in a transaction longer than this is reported.
         */
        @WithDefault("1m")
        Duration idleInTransaction();

        /**
         * A standby replaying further behind than this is reported.
         */
        @WithDefault("1m")
        Duration replicaLag();

        /**
         * The share of the server's usable connections in use from which the check warns (above 0, at most 1).
         */
        @WithDefault("0.9")
        double headroomWarning();

        /**
         * How many instances of this application share the server: the check warns when this many pools at their
         * maximum size would not fit in the server's connections (1 to 10000).
         */
        @WithDefault("1")
        int expectedInstances();

        /**
         * Whether query text from {@code pg_stat_activity} appears in results. Off by default: query text can carry
         * personal data.
         */
        @WithDefault("false")
        boolean showQueryText();

        /**
         * Query text, when shown, is cut to this many characters (1 to 10000).
         */
        @WithDefault("200")
        int queryTextLength();
    }

    /** Settings of the {@code redis} check. */
    interface Redis {

        /**
         * Whether the {@code redis} check is registered when the application has a lettuce client or connection bean.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long the check waits for Redis to answer (connecting, {@code PING} and {@code INFO}), instead of lettuce's
         * 60 s command timeout: a Redis that does not answer by then is reported DOWN as timed out. Above zero and at
         * most 1 minute; keep it under the check's timeout ({@code quarkus.diagnostics.health.default-timeout}, 500 ms,
         * unless {@code quarkus.diagnostics.checks.redis.timeout} is set), or the engine gives up on the check first.
         */
        @WithDefault("300ms")
        Duration deadline();

        /**
         * The share of {@code maxmemory} in use from which the check reports DEGRADED (above 0, at most 1). Has no effect
         * when Redis has no {@code maxmemory} set.
         */
        @WithDefault("0.9")
        double memoryWarning();
    }
}

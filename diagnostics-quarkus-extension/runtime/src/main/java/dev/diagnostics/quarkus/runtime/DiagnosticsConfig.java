package dev.diagnostics.quarkus.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
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

    /** The property prefix of {@link #memory()}. */
    String MEMORY_PREFIX = "quarkus.diagnostics.memory";

    /** The property prefix of {@link #config()}. */
    String CONFIG_PREFIX = "quarkus.diagnostics.config";

    /** The property prefix of {@link #jwt()}. */
    String JWT_PREFIX = "quarkus.diagnostics.jwt";

    /** The property prefix of {@link #timing()}. */
    String TIMING_PREFIX = "quarkus.diagnostics.timing";

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

    /**
     * The memory watch: the {@code memory} check in readiness (old generation after GC, leak trend, GC overhead, RSS
     * against the container limit), {@code diagnostics.memory.*} meters, and a JAX-RS filter (with Quarkus REST) that
     * records per-route allocation and can shed load while memory is critical.
     */
    Memory memory();

    /**
     * Settings the application cannot run without, verified at startup and by the {@code config} check (readiness).
     */
    Config config();

    /**
     * Files the application needs, checked by the {@code files} check (readiness).
     */
    Files files();

    /**
     * The {@code diskSpace} check (readiness): free space of the file stores holding the configured paths.
     */
    DiskSpace diskSpace();

    /**
     * The {@code tls} check (readiness): certificates of key stores, PEM files and remote endpoints.
     */
    Tls tls();

    /**
     * The {@code tcp} check (readiness): DNS and TCP reachability of the application's dependencies.
     */
    Tcp tcp();

    /**
     * The {@code cpu} check: process CPU load and the busiest threads. In no probe group and not critical.
     */
    Cpu cpu();

    /**
     * The {@code jwt} check (with java-jwt), in readiness: the application's JWT key present and strong, a
     * sign-and-verify self-test at startup, the same key on every instance (through Redis when the application provides
     * a lettuce {@code RedisClient} and {@code RedisURI}, or a {@code RedisClusterClient}), clock skew against Redis, and
     * bursts of tokens signed with another secret. The key is read by reference: from the property or environment
     * variable named by {@code secret-property} or {@code secret-env}, else from SmallRye JWT's own key configuration
     * ({@code mp.jwt.verify.publickey}, {@code mp.jwt.verify.publickey.location}, {@code smallrye.jwt.verify.secretkey},
     * {@code smallrye.jwt.verify.key.location}, {@code smallrye.jwt.sign.key.location}, ...). Without a key there is no
     * {@code jwt} check.
     */
    Jwt jwt();

    /**
     * Request and method timing: a JAX-RS filter (with Quarkus REST) setting {@code X-Process-Time} and, for trusted
     * callers, {@code Server-Timing}, with the slow-request log; a CDI interceptor for {@code @TimedSection} methods.
     */
    Timing timing();

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
         * Default: one thread per check, at most 32, started on demand.
         */
        OptionalInt threads();

        /**
         * Custom group names, beside {@code liveness}, {@code readiness} and {@code startup}: lowercase letters,
         * digits, '_' and '-'. A check in a custom group is also served by SmallRye Health at
         * {@code /q/health/group/<group>}.
         */
        Optional<List<String>> groups();

        /**
         * The application's own MicroProfile Health checks and those of other extensions, run through the engine
         * (turned on or off at build time with {@code quarkus.diagnostics.health.contributors.enabled}).
         */
        Contributors contributors();
    }

    /** Run-time settings of the MicroProfile Health checks the engine runs. */
    interface Contributors {

        /**
         * Names of MicroProfile Health checks that SmallRye Health keeps calling itself, without the engine's timeout
         * and budget: the name the engine gives the check bean (its {@code @Identifier} or {@code @Named} value, else
         * its class's simple name without a trailing {@code HealthCheck} or {@code Check}, decapitalised).
         */
        Optional<List<String>> exclude();
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

    /** Settings of the memory watch. */
    interface Memory {

        /**
         * Whether memory is watched: the {@code memory} check, its meters and the request filter.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often GC time, {@code /proc} and the cgroup files are read (100 ms to 1 min). Occupancy after GC is also
         * read on every GC notification.
         */
        @WithDefault("5s")
        Duration sampleInterval();

        /**
         * Old generation occupancy after GC, as a share of its maximum, from which the {@code memory} check is DEGRADED.
         */
        @WithDefault("0.8")
        double heapWarning();

        /**
         * Old generation occupancy after GC, as a share of its maximum, from which the {@code memory} check is DOWN.
         */
        @WithDefault("0.9")
        double heapCritical();

        /**
         * The levels are judged on the lowest occupancy after GC within this window, so garbage not yet reclaimed raises
         * no alarm (1 s to 1 h, at most the trend window).
         */
        @WithDefault("1m")
        Duration pressureWindow();

        /**
         * The window over which the old generation's post-GC floor is fitted for a leak trend.
         */
        @WithDefault("30m")
        Duration trendWindow();

        /**
         * The least growth of the post-GC floor over the trend window, as a share of the maximum, reported as a leak.
         */
        @WithDefault("0.02")
        double leakMinGrowth();

        /**
         * The window over which the share of time spent in GC is measured.
         */
        @WithDefault("1m")
        Duration gcOverheadWindow();

        /**
         * Share of wall time spent in GC from which the {@code memory} check is DEGRADED.
         */
        @WithDefault("0.1")
        double gcOverheadWarning();

        /**
         * Share of wall time spent in GC from which the {@code memory} check is DOWN.
         */
        @WithDefault("0.3")
        double gcOverheadCritical();

        /**
         * Resident set size as a share of the container memory limit from which the {@code memory} check is DEGRADED.
         */
        @WithDefault("0.9")
        double processWarning();

        /**
         * Resident set size as a share of the container memory limit from which the {@code memory} check is DOWN.
         */
        @WithDefault("0.97")
        double processCritical();

        /**
         * Heap dumps written when memory becomes critical.
         */
        HeapDump heapDump();

        /**
         * The JAX-RS request filter (with Quarkus REST).
         */
        Requests requests();
    }

    /** Heap dumps of the memory watch. */
    interface HeapDump {

        /**
         * Whether a heap dump of live objects is written when memory becomes critical. A heap dump holds every secret in
         * the process's memory: keep the directory private. Never served over HTTP.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * An existing directory, not a symbolic link, for heap dumps; required when they are enabled.
         */
        Optional<java.nio.file.Path> directory();

        /**
         * At most one heap dump per this interval (at least 1 min).
         */
        @WithDefault("1h")
        Duration minInterval();
    }

    /** The memory watch's request filter. */
    interface Requests {

        /**
         * Whether bytes allocated by each request's thread are recorded per route template
         * ({@code diagnostics.memory.request.allocation}; JAX-RS methods that return a plain value, with a
         * MeterRegistry).
         */
        @WithDefault("true")
        boolean recordAllocation();

        /**
         * How many route templates get their own series; later ones share the route tag {@code OTHER}.
         */
        @WithDefault("100")
        int maxRoutes();

        /**
         * Share of JAX-RS requests answered 503 with Retry-After while memory is critical (0 to 1). 0, the default,
         * never sheds. Health endpoints are not JAX-RS resources and are never shed.
         */
        @WithDefault("0")
        double shedShare();

        /**
         * The Retry-After of a shed request (1 s to 1 h).
         */
        @WithDefault("10s")
        Duration retryAfter();
    }

    /** Required settings. */
    interface Config {

        /**
         * Names of required settings: environment variables ({@code DATABASE_URL}) or properties. When any is missing,
         * blank or a placeholder ({@code changeme}, {@code TODO}, {@code <value>}, {@code NEW_SECURE_SECRET}, ...),
         * startup fails with one message listing all of them, never a value; the {@code config} check reports the same.
         */
        Optional<List<String>> required();

        /**
         * Whether startup fails when a required setting is not usable. When {@code false}, the application starts and
         * the {@code config} check (readiness) is DOWN instead.
         */
        @WithDefault("true")
        boolean failOnStartup();

        /**
         * More regular expressions of placeholder values, matched case-insensitively against the whole trimmed value,
         * beside the built-in ones.
         */
        Optional<List<String>> additionalPlaceholders();
    }

    /** Required files. */
    interface Files {

        /**
         * Required files by name, for example
         * {@code quarkus.diagnostics.files.required."model".path=/models/churn.onnx}.
         */
        @ConfigDocMapKey("file-name")
        Map<String, RequiredFile> required();
    }

    /** One required file. */
    interface RequiredFile {

        /**
         * Where the file is.
         */
        Optional<String> path();

        /**
         * The smallest acceptable size; an empty or truncated file is reported.
         */
        Optional<@WithConverter(MemorySizeConverter.class) MemorySize> minSize();

        /**
         * The largest acceptable size.
         */
        Optional<@WithConverter(MemorySizeConverter.class) MemorySize> maxSize();

        /**
         * The SHA-256 the content must match, as {@code sha256sum} prints it. Verified off the probe's path, again only
         * when the file's size or modification time changes.
         */
        Optional<String> sha256();
    }

    /** The disk space check. */
    interface DiskSpace {

        /**
         * Whether the {@code diskSpace} check is registered.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Paths whose file store is checked. Default: the working directory and {@code java.io.tmpdir}.
         */
        Optional<List<String>> paths();

        /**
         * DEGRADED when free space is below this and below {@code warning-free-percent}; 0 to use the percentage alone.
         */
        @WithDefault("1G")
        @WithConverter(MemorySizeConverter.class)
        MemorySize warningFree();

        /**
         * DEGRADED when free space is below this percentage and below {@code warning-free}; 0 to use the bytes alone.
         */
        @WithDefault("10")
        double warningFreePercent();

        /**
         * DOWN when free space is below this and below {@code critical-free-percent}; 0 to use the percentage alone.
         */
        @WithDefault("100M")
        @WithConverter(MemorySizeConverter.class)
        MemorySize criticalFree();

        /**
         * DOWN when free space is below this percentage and below {@code critical-free}; 0 to use the bytes alone.
         */
        @WithDefault("2")
        double criticalFreePercent();
    }

    /** The TLS certificate check. */
    interface Tls {

        /**
         * Whether the {@code tls} check is registered when key stores, PEM files or endpoints are configured.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * DEGRADED when a certificate expires sooner than this.
         */
        @WithDefault("P30D")
        Duration expiryWarning();

        /**
         * How long DNS, connect and handshake of one endpoint may take; endpoints are inspected in parallel.
         */
        @WithDefault("400ms")
        Duration handshakeTimeout();

        /**
         * Key store files (PKCS12 or JKS) by name.
         */
        @ConfigDocMapKey("source-name")
        Map<String, KeyStoreFile> keystores();

        /**
         * PEM certificate files by name.
         */
        @ConfigDocMapKey("source-name")
        Map<String, PemFile> pem();

        /**
         * Remote endpoints by name, whose certificate chain is read in a handshake.
         */
        @ConfigDocMapKey("endpoint-name")
        Map<String, Endpoint> endpoints();

        /**
         * The trust store endpoints' chains must lead to (an internal CA, say). Default: the JDK's.
         */
        TrustStoreFile trustStore();
    }

    /** A trust store file. */
    interface TrustStoreFile {

        /**
         * Where the trust store is (PKCS12, or JKS for a {@code .jks} file); read at startup, every certificate in it
         * trusted. Unset: the JDK's trust store.
         */
        Optional<String> path();

        /**
         * The store's type, when its file name does not tell.
         */
        Optional<String> type();

        /**
         * The store's password, if it has one; used only to open it, never shown.
         */
        Optional<String> password();
    }

    /** A key store file. */
    interface KeyStoreFile {

        /**
         * Where the key store is.
         */
        Optional<String> path();

        /**
         * PKCS12 or JKS. Default: JKS for a {@code .jks} file, PKCS12 otherwise.
         */
        Optional<String> type();

        /**
         * The key store's password; used only to open it, never shown.
         */
        Optional<String> password();

        /**
         * Whether a self-signed key entry is expected (development, a pinned internal certificate).
         */
        @WithDefault("false")
        boolean selfSignedExpected();
    }

    /** A PEM certificate file. */
    interface PemFile {

        /**
         * Where the file is; its certificates are read, other blocks skipped.
         */
        Optional<String> path();

        /**
         * Whether a self-signed certificate is expected.
         */
        @WithDefault("false")
        boolean selfSignedExpected();
    }

    /** A remote TLS endpoint. */
    interface Endpoint {

        /**
         * {@code host:port} of the endpoint.
         */
        Optional<String> address();

        /**
         * The name the certificate must carry, also sent as SNI. Default: the host.
         */
        Optional<String> serverName();

        /**
         * Whether a self-signed certificate the trust store does not hold is accepted.
         */
        @WithDefault("false")
        boolean selfSignedExpected();
    }

    /** The TCP reachability check. */
    interface Tcp {

        /**
         * Dependencies by name, as {@code host:port}, for example
         * {@code quarkus.diagnostics.tcp.targets."payments"=payments.internal:443}.
         */
        @ConfigDocMapKey("target-name")
        Map<String, String> targets();

        /**
         * How long DNS and the connection may take, for all targets at once (they are probed in parallel).
         */
        @WithDefault("400ms")
        Duration deadline();
    }

    /** The CPU check. */
    interface Cpu {

        /**
         * Whether the {@code cpu} check is registered.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Threads are sampled at most this often; the load is measured between two samples.
         */
        @WithDefault("10s")
        Duration interval();

        /**
         * Process CPU load (share of all available processors, above 0, at most 1) that is reported.
         */
        @WithDefault("0.9")
        double loadWarning();

        /**
         * Share of one core (0 to 1) a single thread must use over the window to be reported on its own; 0 turns this
         * off.
         */
        @WithDefault("0.9")
        double threadWarning();

        /**
         * How many of the busiest threads are listed (1 to 50).
         */
        @WithDefault("3")
        int threadsShown();
    }

    /** Settings of the {@code jwt} check. Only bound here: the core builders validate every value. */
    interface Jwt {

        /**
         * Whether the {@code jwt} check is set up when java-jwt is present and a key is configured (by
         * {@code secret-property}, {@code secret-env} or SmallRye JWT's key settings).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Name of the configuration property that holds the HMAC secret, for example {@code app.jwt.secret}. Its value
         * is read through MicroProfile Config, never copied or shown; a missing or blank value makes the check DOWN.
         */
        Optional<String> secretProperty();

        /**
         * Name of the environment variable that holds the HMAC secret, for example {@code JWT_SECRET}; used when
         * {@code secret-property} is not set.
         */
        Optional<String> secretEnv();

        /**
         * How the secret's text becomes key bytes: {@code text} (its UTF-8 bytes, as java-jwt's
         * {@code HMAC256(String)} uses them), {@code base64} or {@code hex}.
         */
        @WithDefault("text")
        String secretEncoding();

        /**
         * The JWS algorithm of the secret named by {@code secret-property} or {@code secret-env}: {@code HS256},
         * {@code HS384} or {@code HS512}. A key from SmallRye JWT's settings takes
         * {@code mp.jwt.verify.publickey.algorithm} (or {@code smallrye.jwt.verify.algorithm}) instead.
         */
        @WithDefault("HS256")
        String algorithm();

        /**
         * The {@code iss} that issued tokens carry and the verifier requires; the self-test signs and verifies with
         * it. Default: {@code mp.jwt.verify.issuer} when set.
         */
        Optional<String> issuer();

        /**
         * The {@code aud} values that issued tokens carry and the verifier requires. Default:
         * {@code mp.jwt.verify.audiences} when set.
         */
        Optional<List<String>> audience();

        /**
         * Clock tolerance of the verifier for {@code exp}, {@code nbf} and {@code iat} (at most 5 minutes). Default:
         * {@code mp.jwt.verify.clock.skew} when set, else zero.
         */
        Optional<Duration> leeway();

        /**
         * Whether a missing or weak key, or a failed self-test, stops startup (naming the setting that holds the key,
         * never its value) instead of making the check DOWN.
         */
        @WithDefault("false")
        boolean strict();

        /**
         * The key fingerprint every instance must have (as the check shows it); a different one is DOWN.
         */
        Optional<String> expectedFingerprint();

        /**
         * This instance's id among the service's instances (the pod name in Kubernetes). Default: the host name and
         * the process id.
         */
        Optional<String> instanceId();

        /**
         * How often this instance publishes its key fingerprint to the registry (1 s to 10 min).
         */
        @WithDefault("10s")
        Duration publishInterval();

        /**
         * How long an instance that stopped publishing stays in the comparison; longer than the publish interval.
         * Default: 3 times the publish interval.
         */
        Optional<Duration> instanceTtl();

        /**
         * How long one check waits for the registry and the Redis clock (10 ms to 10 s).
         */
        @WithDefault("300ms")
        Duration registryTimeout();

        /**
         * Bad signatures within the window that make the check DEGRADED ("tokens signed with another secret").
         */
        @WithDefault("10")
        int badSignatureThreshold();

        /**
         * The window of the bad-signature count (1 s to 1 h).
         */
        @WithDefault("1m")
        Duration badSignatureWindow();

        /**
         * Tokens longer than this are rejected by the classifier without decoding them (256 to 1048576).
         */
        @WithDefault("8192")
        int maxTokenLength();

        /**
         * Whether SmallRye JWT's key and verifier settings ({@code mp.jwt.verify.*}, {@code smallrye.jwt.verify.*},
         * {@code smallrye.jwt.sign.key*}) are read when neither {@code secret-property} nor {@code secret-env} is set.
         * They are read through MicroProfile Config; smallrye-jwt itself need not be present.
         */
        @WithDefault("true")
        boolean smallryeConfig();

        /**
         * Where instances compare their key fingerprints.
         */
        JwtRegistry registry();
    }

    /** The registry of the {@code jwt} check. */
    interface JwtRegistry {

        /**
         * Whether to compare key fingerprints across instances through Redis when the application provides a lettuce
         * {@code RedisClient} and {@code RedisURI} (or a {@code RedisClusterClient}); the registry uses one connection of
         * its own. Without them, instances are not compared and the check says so.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The Redis hash that holds the announcements; unique to the service. Default: {@code diagnostics:jwt:}
         * followed by {@code quarkus.application.name}.
         */
        Optional<String> key();

        /**
         * Whether to measure this instance's clock skew against the Redis server's {@code TIME}.
         */
        @WithDefault("true")
        boolean clockSkew();
    }

    /** Request and method timing. */
    interface Timing {

        /**
         * Whether JAX-RS requests and {@code @TimedSection} methods are timed.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Whether {@code diagnostics.http.server.duration} (method, route template, status, outcome) is recorded. Off
         * by default: quarkus-micrometer records {@code http.server.requests}.
         */
        @WithDefault("false")
        boolean requestMetric();

        /**
         * How many route templates get their own series; later ones share the route tag {@code OTHER}.
         */
        @WithDefault("100")
        int maxRoutes();

        /**
         * Whether responses carry {@code X-Process-Time}, the request's duration in seconds (up to the response filter).
         */
        @WithDefault("true")
        boolean processTimeHeader();

        /**
         * Whether responses to trusted callers carry {@code Server-Timing} (total, app, db, redis, timed sections).
         */
        @WithDefault("true")
        boolean serverTimingHeader();

        /**
         * Callers (by remote address) that get {@code Server-Timing}, as CIDR blocks or addresses; loopback only by
         * default, {@code 0.0.0.0/0,::/0} for everyone.
         */
        @WithDefault("127.0.0.0/8,::1/128")
        List<String> trustedNetworks();

        /**
         * Requests at least this long are logged (logger {@code dev.diagnostics.timing.slow-requests}) with their
         * breakdown.
         */
        @WithDefault("1s")
        Duration slowRequestThreshold();

        /**
         * {@code @TimedSection} calls at least this long are logged (logger {@code dev.diagnostics.timing.slow-calls}).
         */
        @WithDefault("500ms")
        Duration slowCallThreshold();

        /**
         * Lines each slow log writes at most per {@code slow-log-interval}; the rest are counted and reported with the
         * next line.
         */
        @WithDefault("10")
        int slowLogMaxLines();

        /**
         * The interval of {@code slow-log-max-lines}.
         */
        @WithDefault("1m")
        Duration slowLogInterval();
    }
}

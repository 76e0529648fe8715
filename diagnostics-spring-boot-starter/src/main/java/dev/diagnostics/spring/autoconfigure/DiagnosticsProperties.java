package dev.diagnostics.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.diagnostics.CheckOverrides;

/**
 * Configuration under {@code diagnostics}. Only binds and converts: the engine's own builders validate every value
 * and name the property they reject.
 */
@ConfigurationProperties("diagnostics")
public class DiagnosticsProperties {

    private final Health health = new Health();

    /**
     * Per-check settings by check name, for example 'diagnostics.checks.inventoryFeed.critical=false': enabled,
     * groups, critical, timeout, cache-ttl, failure-threshold and success-threshold. Each is optional and replaces
     * what the check's own registration says.
     */
    private final Map<String, Check> checks = new LinkedHashMap<>();

    private final Deadlocks deadlocks = new Deadlocks();

    private final Db db = new Db();

    private final Pool pool = new Pool();

    private final Postgres postgres = new Postgres();

    private final Redis redis = new Redis();

    public Health getHealth() {
        return this.health;
    }

    public Map<String, Check> getChecks() {
        return this.checks;
    }

    public Deadlocks getDeadlocks() {
        return this.deadlocks;
    }

    public Db getDb() {
        return this.db;
    }

    public Pool getPool() {
        return this.pool;
    }

    public Postgres getPostgres() {
        return this.postgres;
    }

    public Redis getRedis() {
        return this.redis;
    }

    /** The health engine. */
    public static class Health {

        /**
         * Whether to run health checks through the diagnostics engine and show them in the health endpoint.
         */
        private boolean enabled = true;

        /**
         * How long the caller of the health endpoint waits for an answer (Kubernetes' probe timeoutSeconds).
         */
        private Duration probeTimeout = Duration.ofSeconds(1);

        /**
         * Time within which a health response always answers; checks that have not answered by then are reported
         * DOWN as over budget. Must be shorter than the probe timeout.
         */
        private Duration budget = Duration.ofMillis(800);

        /**
         * Timeout of a check that sets none of its own. Must not exceed the budget.
         */
        private Duration defaultTimeout = Duration.ofMillis(500);

        /**
         * How long a check's result is reused, unless the check sets its own cache time-to-live. Zero runs checks on
         * every request.
         */
        private Duration defaultCacheTtl = Duration.ZERO;

        /**
         * Maximum number of checks that run at the same time, on the engine's own threads (1 to 256). Default: one
         * thread per check, at most 32, started on demand.
         */
        private Integer threads;

        /**
         * Custom group names that checks may join, beside liveness, readiness and startup.
         */
        private List<String> groups = new ArrayList<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getProbeTimeout() {
            return this.probeTimeout;
        }

        public void setProbeTimeout(Duration probeTimeout) {
            this.probeTimeout = probeTimeout;
        }

        public Duration getBudget() {
            return this.budget;
        }

        public void setBudget(Duration budget) {
            this.budget = budget;
        }

        public Duration getDefaultTimeout() {
            return this.defaultTimeout;
        }

        public void setDefaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
        }

        public Duration getDefaultCacheTtl() {
            return this.defaultCacheTtl;
        }

        public void setDefaultCacheTtl(Duration defaultCacheTtl) {
            this.defaultCacheTtl = defaultCacheTtl;
        }

        public Integer getThreads() {
            return this.threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }

        public List<String> getGroups() {
            return this.groups;
        }

        public void setGroups(List<String> groups) {
            this.groups = groups;
        }
    }

    /** Settings of one check; each left unset keeps what the check's registration says. */
    public static class Check {

        /**
         * Whether the check is registered at all.
         */
        private Boolean enabled;

        /**
         * Groups the check belongs to (liveness, readiness, startup or a custom group); replaces its own groups.
         */
        private List<String> groups;

        /**
         * Whether a failure of the check makes the whole health DOWN; a non-critical failure makes it DEGRADED.
         */
        private Boolean critical;

        /**
         * The check's timeout. Must not exceed the engine's budget.
         */
        private Duration timeout;

        /**
         * How long the check's result is reused. Zero runs it on every request.
         */
        private Duration cacheTtl;

        /**
         * Consecutive failed runs before the check is reported DOWN (1 to 100).
         */
        private Integer failureThreshold;

        /**
         * Consecutive good runs before a DOWN check is reported healthy again (1 to 100).
         */
        private Integer successThreshold;

        public Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getGroups() {
            return this.groups;
        }

        public void setGroups(List<String> groups) {
            this.groups = groups;
        }

        public Boolean getCritical() {
            return this.critical;
        }

        public void setCritical(Boolean critical) {
            this.critical = critical;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getCacheTtl() {
            return this.cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }

        public Integer getFailureThreshold() {
            return this.failureThreshold;
        }

        public void setFailureThreshold(Integer failureThreshold) {
            this.failureThreshold = failureThreshold;
        }

        public Integer getSuccessThreshold() {
            return this.successThreshold;
        }

        public void setSuccessThreshold(Integer successThreshold) {
            this.successThreshold = successThreshold;
        }

        CheckOverrides toOverrides() {
            return new CheckOverrides(this.enabled, this.groups, this.critical, this.timeout, this.cacheTtl,
                    this.failureThreshold, this.successThreshold);
        }
    }

    /** The built-in check for deadlocked threads. */
    public static class Deadlocks {

        /**
         * Whether to register the built-in check named 'deadlocks' (liveness group): DOWN, naming the threads, when
         * threads are deadlocked. It inspects the JVM at most every 10 seconds unless
         * diagnostics.checks.deadlocks.cache-ttl says otherwise.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The database checks of every DataSource. */
    public static class Db {

        /**
         * Whether to diagnose the application's DataSources: a 'db' check replacing Spring Boot's own 'db' indicator,
         * a 'pool' check for each HikariCP pool and a 'postgres' check for each PostgreSQL database. When false,
         * Spring Boot's own 'db' indicator stays.
         */
        private boolean enabled = true;

        /**
         * How long the database checks wait for the pool to lend a connection before they verify the server with a
         * direct connection instead.
         */
        private Duration deadline = Duration.ofMillis(400);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getDeadline() {
            return this.deadline;
        }

        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }
    }

    /** The 'pool' check and the exhaustion detector of each connection pool. */
    public static class Pool {

        /**
         * Whether to register a 'pool' check, with its exhaustion detector and 'diagnostics.pool.*' meters, for each
         * DataSource that is a HikariCP pool.
         */
        private boolean enabled = true;

        /**
         * How long a connection may be held outside any JDBC call before it is reported as a suspected leak.
         */
        private Duration leakThreshold = Duration.ofSeconds(30);

        /**
         * How long after an acquire timeout the pool is still reported as exhausted.
         */
        private Duration timeoutWindow = Duration.ofMinutes(1);

        /**
         * How often the exhaustion detector reads the pool's counters (10ms to 1s).
         */
        private Duration sampleInterval = Duration.ofMillis(250);

        /**
         * How many connection holders the 'pool' check lists (0 to 1000).
         */
        private int holdersShown = 10;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getLeakThreshold() {
            return this.leakThreshold;
        }

        public void setLeakThreshold(Duration leakThreshold) {
            this.leakThreshold = leakThreshold;
        }

        public Duration getTimeoutWindow() {
            return this.timeoutWindow;
        }

        public void setTimeoutWindow(Duration timeoutWindow) {
            this.timeoutWindow = timeoutWindow;
        }

        public Duration getSampleInterval() {
            return this.sampleInterval;
        }

        public void setSampleInterval(Duration sampleInterval) {
            this.sampleInterval = sampleInterval;
        }

        public int getHoldersShown() {
            return this.holdersShown;
        }

        public void setHoldersShown(int holdersShown) {
            this.holdersShown = holdersShown;
        }
    }

    /** The 'postgres' check of each DataSource whose database is PostgreSQL. */
    public static class Postgres {

        /**
         * Whether to register a 'postgres' check (connection headroom, long-running queries, sessions idle in
         * transaction, blocked sessions, replica lag) for each DataSource whose database is PostgreSQL.
         */
        private boolean enabled = true;

        /**
         * How often, at most, the server is inspected; results are reused in between.
         */
        private Duration interval = Duration.ofSeconds(30);

        /**
         * Statement timeout of the inspection's own queries.
         */
        private Duration statementTimeout = Duration.ofMillis(400);

        /**
         * How long a query may run before it is reported as long-running.
         */
        private Duration longRunningQuery = Duration.ofMinutes(5);

        /**
         * How long a session may stay idle inside a transaction before it is reported.
         */
        private Duration idleInTransaction = Duration.ofMinutes(1);

        /**
         * How far a standby may lag behind its primary before it is reported.
         */
        private Duration replicaLag = Duration.ofMinutes(1);

        /**
         * Share of the server's usable connections in use (above 0, at most 1) from which the check warns.
         */
        private double headroomWarning = 0.9;

        /**
         * How many instances of this application share the server, to warn when their pools together could need
         * more connections than the server allows (1 to 10000).
         */
        private int expectedInstances = 1;

        /**
         * Whether reported sessions show their query text. Off by default: query text can carry personal data.
         */
        private boolean showQueryText;

        /**
         * How many characters of query text are shown when show-query-text is on (1 to 10000).
         */
        private int queryTextLength = 200;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getStatementTimeout() {
            return this.statementTimeout;
        }

        public void setStatementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
        }

        public Duration getLongRunningQuery() {
            return this.longRunningQuery;
        }

        public void setLongRunningQuery(Duration longRunningQuery) {
            this.longRunningQuery = longRunningQuery;
        }

        public Duration getIdleInTransaction() {
            return this.idleInTransaction;
        }

        public void setIdleInTransaction(Duration idleInTransaction) {
            this.idleInTransaction = idleInTransaction;
        }

        public Duration getReplicaLag() {
            return this.replicaLag;
        }

        public void setReplicaLag(Duration replicaLag) {
            this.replicaLag = replicaLag;
        }

        public double getHeadroomWarning() {
            return this.headroomWarning;
        }

        public void setHeadroomWarning(double headroomWarning) {
            this.headroomWarning = headroomWarning;
        }

        public int getExpectedInstances() {
            return this.expectedInstances;
        }

        public void setExpectedInstances(int expectedInstances) {
            this.expectedInstances = expectedInstances;
        }

        public boolean isShowQueryText() {
            return this.showQueryText;
        }

        public void setShowQueryText(boolean showQueryText) {
            this.showQueryText = showQueryText;
        }

        public int getQueryTextLength() {
            return this.queryTextLength;
        }

        public void setQueryTextLength(int queryTextLength) {
            this.queryTextLength = queryTextLength;
        }
    }

    /** The 'redis' check of the application's Lettuce connection factory. */
    public static class Redis {

        /**
         * Whether to diagnose the application's Redis (Spring Data Redis with Lettuce): a 'redis' check, replacing
         * Spring Boot's own 'redis' indicator, that answers within its deadline with the server's version, memory
         * and clients, and a diagnosis when Redis is unreachable, refuses the credentials, is loading, out of memory
         * or cannot persist. When false, Spring Boot's own 'redis' indicator stays.
         */
        private boolean enabled = true;

        /**
         * How long the 'redis' check waits for Redis to answer (its PING and INFO) before it reports a timeout,
         * instead of Lettuce's command timeout (60 s by default). Must not exceed the check's timeout.
         */
        private Duration deadline = Duration.ofMillis(300);

        /**
         * Share of Redis' maxmemory in use (above 0, at most 1) from which the 'redis' check is DEGRADED. Ignored
         * when Redis has no maxmemory.
         */
        private double memoryWarning = 0.9;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getDeadline() {
            return this.deadline;
        }

        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }

        public double getMemoryWarning() {
            return this.memoryWarning;
        }

        public void setMemoryWarning(double memoryWarning) {
            this.memoryWarning = memoryWarning;
        }
    }
}

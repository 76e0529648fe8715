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

    public Health getHealth() {
        return this.health;
    }

    public Map<String, Check> getChecks() {
        return this.checks;
    }

    public Deadlocks getDeadlocks() {
        return this.deadlocks;
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
         * Maximum number of checks that run at the same time, on the engine's own threads.
         */
        private int threads = 4;

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

        public int getThreads() {
            return this.threads;
        }

        public void setThreads(int threads) {
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
}

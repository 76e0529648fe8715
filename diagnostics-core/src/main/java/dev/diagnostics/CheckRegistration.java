package dev.diagnostics;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the engine runs one {@link HealthCheck}: its name, groups, whether it is critical, its timeout, how long its
 * result may be served from cache, and its failure and success thresholds (hysteresis).
 *
 * <p>Immutable. Built with {@link #builder(String, HealthCheck)}; the builder rejects a bad value at once with an
 * {@link InvalidConfigurationException} naming the field (or the property, when a
 * {@linkplain Builder#propertyPrefix(String) property prefix} is given).
 */
public final class CheckRegistration {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,127}");

    private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final String name;

    private final HealthCheck check;

    private final Set<String> groups;

    private final boolean critical;

    private final Duration timeout;

    private final Duration cacheTtl;

    private final int failureThreshold;

    private final int successThreshold;

    private final boolean external;

    private final String propertyPrefix;

    private CheckRegistration(Builder builder) {
        this.name = builder.name;
        this.check = builder.check;
        this.groups = Collections.unmodifiableSet(new LinkedHashSet<>(builder.groups));
        this.critical = builder.critical;
        this.timeout = builder.timeout;
        this.cacheTtl = builder.cacheTtl;
        this.failureThreshold = builder.failureThreshold;
        this.successThreshold = builder.successThreshold;
        this.external = (builder.external != null) ? builder.external : builder.check.external();
        this.propertyPrefix = builder.propertyPrefix;
    }

    /**
     * Starts a registration.
     *
     * @param name the component name shown in health output: letters, digits, '_', '.', '-', at most 128; a '/'
     *        names a member of a composite, the way Actuator does ({@code db/orders})
     * @param check the probe
     */
    public static Builder builder(String name, HealthCheck check) {
        return new Builder(name, check);
    }

    public String name() {
        return this.name;
    }

    /**
     * The check name a framework gives a check from its bean or class name: without a trailing {@code HealthCheck}
     * or {@code Check} (in any case), first letter in lower case, the way Actuator drops "HealthIndicator":
     * {@code InventoryFeedCheck} and {@code inventoryFeedHealthCheck} both give {@code inventoryFeed}.
     */
    public static String nameFor(String beanOrClassName) {
        String name = beanOrClassName;
        String lowerCase = name.toLowerCase(java.util.Locale.ROOT);
        for (String suffix : new String[] { "healthcheck", "check" }) {
            if (lowerCase.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    public HealthCheck check() {
        return this.check;
    }

    /** The groups this check belongs to; empty means only the overall report. */
    public Set<String> groups() {
        return this.groups;
    }

    /** Whether a failure makes the whole report DOWN (critical) or only DEGRADED. Default {@code true}. */
    public boolean critical() {
        return this.critical;
    }

    /** The check's own timeout; {@code null} means the engine's default. */
    public Duration timeout() {
        return this.timeout;
    }

    /** How long a result is served from cache; {@code null} means the engine's default. */
    public Duration cacheTtl() {
        return this.cacheTtl;
    }

    /** Consecutive failed runs before a healthy check is reported DOWN. Default 1. */
    public int failureThreshold() {
        return this.failureThreshold;
    }

    /** Consecutive good runs before a DOWN check is reported healthy again. Default 1. */
    public int successThreshold() {
        return this.successThreshold;
    }

    /** Whether the check talks to a system outside the process; see {@link HealthCheck#external()}. */
    public boolean external() {
        return this.external;
    }

    /** The prefix used to name this registration's properties in error messages. */
    public String propertyPrefix() {
        return this.propertyPrefix;
    }

    /** A builder that starts from this registration, to change some of its settings. */
    public Builder toBuilder() {
        Builder builder = new Builder(this.name, this.check);
        builder.groups.addAll(this.groups);
        builder.critical = this.critical;
        builder.timeout = this.timeout;
        builder.cacheTtl = this.cacheTtl;
        builder.failureThreshold = this.failureThreshold;
        builder.successThreshold = this.successThreshold;
        builder.external = this.external;
        builder.propertyPrefix = this.propertyPrefix;
        return builder;
    }

    @Override
    public String toString() {
        return "CheckRegistration[" + this.name + ", groups=" + this.groups + ", critical=" + this.critical
                + ", timeout=" + this.timeout + ", cacheTtl=" + this.cacheTtl + ", thresholds="
                + this.failureThreshold + "/" + this.successThreshold + "]";
    }

    /** Builds a {@link CheckRegistration}. Not thread-safe. */
    public static final class Builder {

        private final String name;

        private final HealthCheck check;

        private final Set<String> groups = new LinkedHashSet<>();

        private boolean critical = true;

        private Duration timeout;

        private Duration cacheTtl;

        private int failureThreshold = 1;

        private int successThreshold = 1;

        private Boolean external;

        private String propertyPrefix;

        private Builder(String name, HealthCheck check) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidConfigurationException("name", "check name must be 1-128 letters, digits, '_', '.',"
                        + " '/' or '-', starting with a letter or digit; was '" + name + "'");
            }
            if (check == null) {
                throw new InvalidConfigurationException("check", "check '" + name + "' has no HealthCheck");
            }
            this.name = name;
            this.check = check;
            this.propertyPrefix = "check '" + name + "'";
        }

        /**
         * Names properties in error messages after this prefix, for example {@code diagnostics.checks.db} makes a bad
         * timeout read {@code diagnostics.checks.db.timeout}.
         */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** Adds groups; see {@link HealthGroups}. Names are lowercase letters, digits, '_' and '-'. */
        public Builder groups(String... groups) {
            return groups(java.util.Arrays.asList(groups));
        }

        /** Adds groups; see {@link HealthGroups}. */
        public Builder groups(Collection<String> groups) {
            for (String group : groups) {
                if (group == null || !GROUP.matcher(group).matches()) {
                    throw invalid("groups", "group names are lowercase letters, digits, '_' and '-'; was '"
                            + group + "'");
                }
                this.groups.add(group);
            }
            return this;
        }

        /** Replaces the groups. */
        public Builder replaceGroups(Collection<String> groups) {
            this.groups.clear();
            return groups(groups);
        }

        public Builder critical(boolean critical) {
            this.critical = critical;
            return this;
        }

        /** The check's timeout, counted from when the engine submits it. Must be positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = (timeout != null) ? InvalidConfigurationException.requirePositive(property("timeout"), timeout)
                    : null;
            return this;
        }

        /** How long a result may be served from cache. Zero disables caching; must not be negative. */
        public Builder cacheTtl(Duration cacheTtl) {
            if (cacheTtl != null && cacheTtl.isNegative()) {
                throw invalid("cache-ttl", "must not be negative, was " + cacheTtl);
            }
            this.cacheTtl = cacheTtl;
            return this;
        }

        /** Consecutive failed runs before reporting DOWN; 1 reports the first failure. Must be 1 to 100. */
        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = threshold("failure-threshold", failureThreshold);
            return this;
        }

        /** Consecutive good runs before reporting healthy again after DOWN. Must be 1 to 100. */
        public Builder successThreshold(int successThreshold) {
            this.successThreshold = threshold("success-threshold", successThreshold);
            return this;
        }

        /** Overrides {@link HealthCheck#external()}. */
        public Builder external(boolean external) {
            this.external = external;
            return this;
        }

        public CheckRegistration build() {
            return new CheckRegistration(this);
        }

        private int threshold(String field, int value) {
            if (value < 1 || value > 100) {
                throw invalid(field, "must be between 1 and 100, was " + value);
            }
            return value;
        }

        private InvalidConfigurationException invalid(String field, String message) {
            return new InvalidConfigurationException(property(field), message);
        }

        private String property(String field) {
            return this.propertyPrefix.startsWith("check '") ? this.propertyPrefix + " " + field
                    : this.propertyPrefix + "." + field;
        }
    }
}

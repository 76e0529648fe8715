package dev.diagnostics;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Engine-wide settings. Immutable; built with {@link #builder()} or {@link #defaults()}.
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>probe-timeout</td><td>1 s</td><td>the caller's timeout (Kubernetes' {@code timeoutSeconds})</td></tr>
 * <tr><td>budget</td><td>800 ms</td><td>a report always returns within this; must be below probe-timeout</td></tr>
 * <tr><td>default-timeout</td><td>500 ms</td><td>a check's timeout unless it sets one; at most budget</td></tr>
 * <tr><td>default-cache-ttl</td><td>0</td><td>how long results are reused unless a check sets its own</td></tr>
 * <tr><td>threads</td><td>one per check, at most 32</td><td>the engine's bounded executor: at most this many checks
 * run at once; threads start on demand and stop after 30 s idle</td></tr>
 * <tr><td>groups</td><td>none</td><td>custom group names, beside liveness, readiness and startup</td></tr>
 * </table>
 *
 * <p>Every invalid value raises an {@link InvalidConfigurationException} naming the property under the
 * {@linkplain Builder#propertyPrefix(String) property prefix} (default {@code diagnostics.health}).
 */
public final class HealthEngineConfig {

    /** {@link #threads()} when not configured: the engine starts one thread per check, at most 32. */
    public static final int AUTOMATIC_THREADS = 0;

    /** The most threads an engine sizes itself to; configure {@code threads} for more. */
    public static final int MAX_AUTOMATIC_THREADS = 32;

    private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Duration probeTimeout;

    private final Duration budget;

    private final Duration defaultTimeout;

    private final Duration defaultCacheTtl;

    private final int threads;

    private final Set<String> customGroups;

    private final String propertyPrefix;

    private HealthEngineConfig(Builder builder) {
        this.probeTimeout = builder.probeTimeout;
        this.budget = builder.budget;
        this.defaultTimeout = builder.defaultTimeout;
        this.defaultCacheTtl = builder.defaultCacheTtl;
        this.threads = builder.threads;
        this.customGroups = Collections.unmodifiableSet(new LinkedHashSet<>(builder.customGroups));
        this.propertyPrefix = builder.propertyPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static HealthEngineConfig defaults() {
        return builder().build();
    }

    public Duration probeTimeout() {
        return this.probeTimeout;
    }

    public Duration budget() {
        return this.budget;
    }

    public Duration defaultTimeout() {
        return this.defaultTimeout;
    }

    public Duration defaultCacheTtl() {
        return this.defaultCacheTtl;
    }

    /**
     * The configured number of engine threads, or {@link #AUTOMATIC_THREADS} when the engine sizes itself: one thread
     * per registered check, at most {@link #MAX_AUTOMATIC_THREADS}, so that checks never wait for each other by
     * default.
     */
    public int threads() {
        return this.threads;
    }

    /** The number of engine threads for this many registered checks. */
    public int threadsFor(int checks) {
        return (this.threads != AUTOMATIC_THREADS) ? this.threads
                : Math.max(1, Math.min(checks, MAX_AUTOMATIC_THREADS));
    }

    public Set<String> customGroups() {
        return this.customGroups;
    }

    /** Built-in and custom group names. */
    public Set<String> knownGroups() {
        Set<String> known = new LinkedHashSet<>(HealthGroups.BUILT_IN);
        known.addAll(this.customGroups);
        return Collections.unmodifiableSet(known);
    }

    public String propertyPrefix() {
        return this.propertyPrefix;
    }

    @Override
    public String toString() {
        return "HealthEngineConfig[probeTimeout=" + this.probeTimeout + ", budget=" + this.budget + ", defaultTimeout="
                + this.defaultTimeout + ", defaultCacheTtl=" + this.defaultCacheTtl + ", threads=" + this.threads
                + ", groups=" + this.customGroups + "]";
    }

    /** Builds a {@link HealthEngineConfig}; {@link #build()} checks the values against each other. */
    public static final class Builder {

        private Duration probeTimeout = Duration.ofSeconds(1);

        private Duration budget = Duration.ofMillis(800);

        private Duration defaultTimeout = Duration.ofMillis(500);

        private Duration defaultCacheTtl = Duration.ZERO;

        private int threads = AUTOMATIC_THREADS;

        private final Set<String> customGroups = new LinkedHashSet<>();

        private String propertyPrefix = "diagnostics.health";

        private Builder() {
        }

        /** Names properties in error messages after this prefix (default {@code diagnostics.health}). */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        public Builder probeTimeout(Duration probeTimeout) {
            this.probeTimeout = positive("probe-timeout", probeTimeout);
            return this;
        }

        public Builder budget(Duration budget) {
            this.budget = positive("budget", budget);
            return this;
        }

        public Builder defaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = positive("default-timeout", defaultTimeout);
            return this;
        }

        public Builder defaultCacheTtl(Duration defaultCacheTtl) {
            if (defaultCacheTtl == null || defaultCacheTtl.isNegative()) {
                throw invalid("default-cache-ttl", "must be zero or positive, was " + defaultCacheTtl);
            }
            this.defaultCacheTtl = defaultCacheTtl;
            return this;
        }

        /** At most this many checks at once (1 to 256); without it, one thread per check, at most 32. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw invalid("threads", "must be between 1 and 256, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Declares custom groups (lowercase letters, digits, '_' and '-'), beside the built-in ones. */
        public Builder groups(Collection<String> groups) {
            for (String group : groups) {
                if (group == null || !GROUP.matcher(group).matches()) {
                    throw invalid("groups", "group names are lowercase letters, digits, '_' and '-'; was '"
                            + group + "'");
                }
                this.customGroups.add(group);
            }
            return this;
        }

        public Builder groups(String... groups) {
            return groups(java.util.Arrays.asList(groups));
        }

        public HealthEngineConfig build() {
            if (this.budget.compareTo(this.probeTimeout) >= 0) {
                throw invalid("budget", "must be shorter than " + this.propertyPrefix + ".probe-timeout ("
                        + this.probeTimeout + ") so the report answers before the caller gives up; was "
                        + this.budget);
            }
            if (this.defaultTimeout.compareTo(this.budget) > 0) {
                throw invalid("default-timeout", "must not exceed " + this.propertyPrefix + ".budget ("
                        + this.budget + "); was " + this.defaultTimeout);
            }
            return new HealthEngineConfig(this);
        }

        private Duration positive(String field, Duration value) {
            return InvalidConfigurationException.requirePositive(this.propertyPrefix + "." + field, value);
        }

        private InvalidConfigurationException invalid(String field, String message) {
            return new InvalidConfigurationException(this.propertyPrefix + "." + field, message);
        }
    }
}

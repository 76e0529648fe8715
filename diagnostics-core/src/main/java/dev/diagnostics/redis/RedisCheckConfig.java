package dev.diagnostics.redis;

import java.time.Duration;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@link RedisCheck}. Immutable; {@link #builder()} rejects a bad value at once, naming the property
 * under the {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.redis}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>deadline</td><td>300 ms</td><td>how long one probe waits, for connecting, PING and INFO together</td></tr>
 * <tr><td>memory-warning</td><td>0.9</td><td>used_memory / maxmemory above which the check is DEGRADED; in
 * (0, 1]</td></tr>
 * </table>
 */
public final class RedisCheckConfig {

    private final Duration deadline;

    private final double memoryWarning;

    private RedisCheckConfig(Builder builder) {
        this.deadline = builder.deadline;
        this.memoryWarning = builder.memoryWarning;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RedisCheckConfig defaults() {
        return builder().build();
    }

    /** How long one probe waits for connecting, PING and INFO together. */
    public Duration deadline() {
        return this.deadline;
    }

    /** The used_memory / maxmemory ratio above which the check reports DEGRADED. */
    public double memoryWarning() {
        return this.memoryWarning;
    }

    @Override
    public String toString() {
        return "RedisCheckConfig[deadline=" + this.deadline + ", memoryWarning=" + this.memoryWarning + "]";
    }

    /** Builds a {@link RedisCheckConfig}. Not thread-safe. */
    public static final class Builder {

        private Duration deadline = Duration.ofMillis(300);

        private double memoryWarning = 0.9;

        private String propertyPrefix = "diagnostics.redis";

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.redis}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /**
         * How long one probe waits, for connecting, PING and INFO together; must be positive and at most 1 minute.
         * Keep it below the check's timeout in the engine. Default 300 ms.
         */
        public Builder deadline(Duration deadline) {
            InvalidConfigurationException.requirePositive(this.propertyPrefix + ".deadline", deadline);
            if (deadline.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".deadline",
                        "must be at most 1 minute, was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /** The used_memory / maxmemory ratio above which the check is DEGRADED; in (0, 1]. Default 0.9. */
        public Builder memoryWarning(double memoryWarning) {
            if (!(memoryWarning > 0 && memoryWarning <= 1)) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".memory-warning",
                        "must be greater than 0 and at most 1, was " + memoryWarning);
            }
            this.memoryWarning = memoryWarning;
            return this;
        }

        public RedisCheckConfig build() {
            return new RedisCheckConfig(this);
        }
    }
}

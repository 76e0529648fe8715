package dev.diagnostics.pool;

import java.time.Duration;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the pool diagnostics. Immutable; {@link #builder()} rejects a bad value at once, naming the property
 * under the {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.pool}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>leak-threshold</td><td>30 s</td><td>a connection held longer than this outside a JDBC call is a
 * suspected leak</td></tr>
 * <tr><td>timeout-window</td><td>1 min</td><td>an acquire timeout within this window counts as exhaustion</td></tr>
 * <tr><td>sample-interval</td><td>250 ms</td><td>how often the detector reads the pool's counters</td></tr>
 * <tr><td>holders-shown</td><td>10</td><td>how many connection holders a result lists</td></tr>
 * </table>
 */
public final class PoolCheckConfig {

    private final Duration leakThreshold;

    private final Duration timeoutWindow;

    private final Duration sampleInterval;

    private final int holdersShown;

    private PoolCheckConfig(Builder builder) {
        this.leakThreshold = builder.leakThreshold;
        this.timeoutWindow = builder.timeoutWindow;
        this.sampleInterval = builder.sampleInterval;
        this.holdersShown = builder.holdersShown;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PoolCheckConfig defaults() {
        return builder().build();
    }

    public Duration leakThreshold() {
        return this.leakThreshold;
    }

    public Duration timeoutWindow() {
        return this.timeoutWindow;
    }

    public Duration sampleInterval() {
        return this.sampleInterval;
    }

    public int holdersShown() {
        return this.holdersShown;
    }

    /** Builds a {@link PoolCheckConfig}. */
    public static final class Builder {

        private Duration leakThreshold = Duration.ofSeconds(30);

        private Duration timeoutWindow = Duration.ofMinutes(1);

        private Duration sampleInterval = Duration.ofMillis(250);

        private int holdersShown = 10;

        private String propertyPrefix = "diagnostics.pool";

        private Builder() {
        }

        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        public Builder leakThreshold(Duration leakThreshold) {
            this.leakThreshold = positive("leak-threshold", leakThreshold);
            return this;
        }

        public Builder timeoutWindow(Duration timeoutWindow) {
            this.timeoutWindow = positive("timeout-window", timeoutWindow);
            return this;
        }

        /** How often the detector samples; between 10 ms and 1 s, so exhaustion is seen within a second. */
        public Builder sampleInterval(Duration sampleInterval) {
            positive("sample-interval", sampleInterval);
            if (sampleInterval.compareTo(Duration.ofMillis(10)) < 0 || sampleInterval.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".sample-interval",
                        "must be between 10ms and 1s so exhaustion is seen within a second; was " + sampleInterval);
            }
            this.sampleInterval = sampleInterval;
            return this;
        }

        public Builder holdersShown(int holdersShown) {
            if (holdersShown < 0 || holdersShown > 1000) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".holders-shown",
                        "must be between 0 and 1000, was " + holdersShown);
            }
            this.holdersShown = holdersShown;
            return this;
        }

        public PoolCheckConfig build() {
            return new PoolCheckConfig(this);
        }

        private Duration positive(String field, Duration value) {
            return InvalidConfigurationException.requirePositive(this.propertyPrefix + "." + field, value);
        }
    }
}

package dev.diagnostics.system;

import java.time.Duration;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@link HotThreadsCheck}. Immutable; {@link #builder()} rejects a bad value at once, naming the
 * property under the {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.cpu}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>interval</td><td>10 s</td><td>threads are sampled at most this often; the load is measured between two
 * samples</td></tr>
 * <tr><td>load-warning</td><td>0.9</td><td>process CPU load (share of all available processors) that is
 * reported</td></tr>
 * <tr><td>thread-warning</td><td>0.9</td><td>share of one core a single thread must use over the window to be
 * reported on its own (a runaway loop); 0 turns this off</td></tr>
 * <tr><td>threads-shown</td><td>3</td><td>how many of the busiest threads are listed</td></tr>
 * </table>
 */
public final class HotThreadsConfig {

    private final Duration interval;

    private final double loadWarning;

    private final double threadWarning;

    private final int threadsShown;

    private HotThreadsConfig(Builder builder) {
        this.interval = builder.interval;
        this.loadWarning = builder.loadWarning;
        this.threadWarning = builder.threadWarning;
        this.threadsShown = builder.threadsShown;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static HotThreadsConfig defaults() {
        return builder().build();
    }

    public Duration interval() {
        return this.interval;
    }

    public double loadWarning() {
        return this.loadWarning;
    }

    /** 0 when single hot threads are not reported. */
    public double threadWarning() {
        return this.threadWarning;
    }

    public int threadsShown() {
        return this.threadsShown;
    }

    @Override
    public String toString() {
        return "HotThreadsConfig[interval=" + this.interval + ", loadWarning=" + this.loadWarning + ", threadWarning="
                + this.threadWarning + ", threadsShown=" + this.threadsShown + "]";
    }

    /** Builds a {@link HotThreadsConfig}. Not thread-safe. */
    public static final class Builder {

        private Duration interval = Duration.ofSeconds(10);

        private double loadWarning = 0.9;

        private double threadWarning = 0.9;

        private int threadsShown = 3;

        private String propertyPrefix = "diagnostics.cpu";

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.cpu}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** Threads are sampled at most this often; from 100 ms to 1 hour. Default 10 s. */
        public Builder interval(Duration interval) {
            if (interval == null || interval.compareTo(Duration.ofMillis(100)) < 0
                    || interval.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".interval",
                        "must be from 100ms to 1h, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** Process CPU load, as a share of all available processors, that is reported; in (0, 1]. Default 0.9. */
        public Builder loadWarning(double loadWarning) {
            if (!(loadWarning > 0 && loadWarning <= 1)) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".load-warning",
                        "must be greater than 0 and at most 1, was " + loadWarning);
            }
            this.loadWarning = loadWarning;
            return this;
        }

        /** Share of one core a single thread must use to be reported on its own; in [0, 1], 0 off. Default 0.9. */
        public Builder threadWarning(double threadWarning) {
            if (!(threadWarning >= 0 && threadWarning <= 1)) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".thread-warning",
                        "must be from 0 to 1, was " + threadWarning);
            }
            this.threadWarning = threadWarning;
            return this;
        }

        /** How many of the busiest threads are listed; 1 to 50. Default 3. */
        public Builder threadsShown(int threadsShown) {
            if (threadsShown < 1 || threadsShown > 50) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".threads-shown",
                        "must be from 1 to 50, was " + threadsShown);
            }
            this.threadsShown = threadsShown;
            return this;
        }

        public HotThreadsConfig build() {
            return new HotThreadsConfig(this);
        }
    }
}

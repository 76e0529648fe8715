package dev.diagnostics.memory;

import java.time.Duration;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.web.RouteTable;

/**
 * Settings of the per-request part of the memory watch ({@link RequestMemoryRecorder}). Immutable; the builder
 * rejects a bad value at once, naming the property under the prefix (default {@code diagnostics.memory.requests}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>record-allocation</td><td>true</td><td>whether bytes allocated by each request's thread are recorded per
 * route template (where the JVM measures per-thread allocation)</td></tr>
 * <tr><td>max-routes</td><td>100</td><td>distinct route templates recorded; later ones share {@code OTHER}</td></tr>
 * <tr><td>shed-share</td><td>0</td><td>share of requests answered 503 while the level is CRITICAL; 0 is off</td></tr>
 * <tr><td>retry-after</td><td>10 s</td><td>the Retry-After of a shed request</td></tr>
 * </table>
 */
public final class RequestMemoryConfig {

    private final boolean recordAllocation;

    private final int maxRoutes;

    private final double shedShare;

    private final Duration retryAfter;

    private RequestMemoryConfig(Builder builder) {
        this.recordAllocation = builder.recordAllocation;
        this.maxRoutes = builder.maxRoutes;
        this.shedShare = builder.shedShare;
        this.retryAfter = builder.retryAfter;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RequestMemoryConfig defaults() {
        return builder().build();
    }

    /** Whether per-request allocation is recorded. */
    public boolean recordAllocation() {
        return this.recordAllocation;
    }

    /** How many route templates get their own series. */
    public int maxRoutes() {
        return this.maxRoutes;
    }

    /** Share of requests shed while CRITICAL; 0 means never. */
    public double shedShare() {
        return this.shedShare;
    }

    /** The Retry-After of a shed request. */
    public Duration retryAfter() {
        return this.retryAfter;
    }

    @Override
    public String toString() {
        return "RequestMemoryConfig[recordAllocation=" + this.recordAllocation + ", maxRoutes=" + this.maxRoutes
                + ", shedShare=" + this.shedShare + ", retryAfter=" + this.retryAfter + "]";
    }

    /** Builds a {@link RequestMemoryConfig}. Not thread-safe. */
    public static final class Builder {

        private String propertyPrefix = "diagnostics.memory.requests";

        private boolean recordAllocation = true;

        private int maxRoutes = 100;

        private double shedShare;

        private Duration retryAfter = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.memory.requests}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** Whether per-request allocation is recorded. Default {@code true}. */
        public Builder recordAllocation(boolean recordAllocation) {
            this.recordAllocation = recordAllocation;
            return this;
        }

        /** Distinct route templates recorded, 1 to 10,000. Default 100. */
        public Builder maxRoutes(int maxRoutes) {
            this.maxRoutes = RouteTable.maxRoutesSetting(this.propertyPrefix + ".max-routes", maxRoutes);
            return this;
        }

        /** Share of requests answered 503 while CRITICAL, 0 (off) to 1. Default 0. */
        public Builder shedShare(double shedShare) {
            if (!(shedShare >= 0 && shedShare <= 1)) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".shed-share",
                        "must be between 0 and 1, was " + shedShare);
            }
            this.shedShare = shedShare;
            return this;
        }

        /** The Retry-After of a shed request, 1 second to 1 hour, whole seconds. Default 10 s. */
        public Builder retryAfter(Duration retryAfter) {
            if (retryAfter == null || retryAfter.compareTo(Duration.ofSeconds(1)) < 0
                    || retryAfter.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".retry-after",
                        "must be between 1 second and 1 hour, was " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        public RequestMemoryConfig build() {
            return new RequestMemoryConfig(this);
        }
    }
}

package dev.diagnostics.timing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.web.RouteTable;

/**
 * Settings of request and method timing ({@link RequestTimer}, {@link SectionTimers}) and of the slow logs. Immutable;
 * the builder rejects a bad value at once, naming the property under the prefix (default {@code diagnostics.timing}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>request-metric</td><td>true</td><td>whether {@code diagnostics.http.server.duration} is recorded (the
 * Spring and Quarkus adapters default it to false: their frameworks record {@code http.server.requests})</td></tr>
 * <tr><td>max-routes</td><td>100</td><td>distinct route templates with their own series; later ones share
 * {@code OTHER}</td></tr>
 * <tr><td>process-time-header</td><td>true</td><td>whether responses carry {@code X-Process-Time} (seconds)</td></tr>
 * <tr><td>server-timing.enabled</td><td>true</td><td>whether responses to trusted callers carry
 * {@code Server-Timing}</td></tr>
 * <tr><td>server-timing.trusted-networks</td><td>127.0.0.0/8, ::1/128</td><td>callers (by remote address) that get
 * {@code Server-Timing}; {@code 0.0.0.0/0} and {@code ::/0} for everyone</td></tr>
 * <tr><td>slow-request-threshold</td><td>1 s</td><td>requests at least this long are logged with their
 * breakdown</td></tr>
 * <tr><td>slow-call-threshold</td><td>500 ms</td><td>timed methods at least this long are logged</td></tr>
 * <tr><td>slow-query-threshold</td><td>500 ms</td><td>statements at least this long are logged and counted</td></tr>
 * <tr><td>slow-log.max-lines</td><td>10</td><td>lines per interval each slow log writes at most; the rest are counted
 * and reported with the next line</td></tr>
 * <tr><td>slow-log.interval</td><td>1 min</td><td>the interval of {@code slow-log.max-lines}</td></tr>
 * </table>
 */
public final class TimingConfig {

    private final boolean requestMetric;

    private final int maxRoutes;

    private final boolean processTimeHeader;

    private final boolean serverTimingHeader;

    private final TrustedNetworks trustedNetworks;

    private final Duration slowRequestThreshold;

    private final Duration slowCallThreshold;

    private final Duration slowQueryThreshold;

    private final int slowLogMaxLines;

    private final Duration slowLogInterval;

    private TimingConfig(Builder builder) {
        this.requestMetric = builder.requestMetric;
        this.maxRoutes = builder.maxRoutes;
        this.processTimeHeader = builder.processTimeHeader;
        this.serverTimingHeader = builder.serverTimingHeader;
        this.trustedNetworks = builder.trustedNetworks;
        this.slowRequestThreshold = builder.slowRequestThreshold;
        this.slowCallThreshold = builder.slowCallThreshold;
        this.slowQueryThreshold = builder.slowQueryThreshold;
        this.slowLogMaxLines = builder.slowLogMaxLines;
        this.slowLogInterval = builder.slowLogInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TimingConfig defaults() {
        return builder().build();
    }

    /** Whether {@code diagnostics.http.server.duration} is recorded. */
    public boolean requestMetric() {
        return this.requestMetric;
    }

    /** How many route templates get their own series. */
    public int maxRoutes() {
        return this.maxRoutes;
    }

    /** Whether responses carry {@code X-Process-Time}. */
    public boolean processTimeHeader() {
        return this.processTimeHeader;
    }

    /** Whether responses to trusted callers carry {@code Server-Timing}. */
    public boolean serverTimingHeader() {
        return this.serverTimingHeader;
    }

    /** The callers that get {@code Server-Timing}. */
    public TrustedNetworks trustedNetworks() {
        return this.trustedNetworks;
    }

    /** Requests at least this long are logged. */
    public Duration slowRequestThreshold() {
        return this.slowRequestThreshold;
    }

    /** Timed methods at least this long are logged. */
    public Duration slowCallThreshold() {
        return this.slowCallThreshold;
    }

    /** Statements at least this long are logged and counted. */
    public Duration slowQueryThreshold() {
        return this.slowQueryThreshold;
    }

    /** Lines per {@link #slowLogInterval()} each slow log writes at most. */
    public int slowLogMaxLines() {
        return this.slowLogMaxLines;
    }

    /** The interval of {@link #slowLogMaxLines()}. */
    public Duration slowLogInterval() {
        return this.slowLogInterval;
    }

    @Override
    public String toString() {
        return "TimingConfig[requestMetric=" + this.requestMetric + ", maxRoutes=" + this.maxRoutes
                + ", processTimeHeader=" + this.processTimeHeader + ", serverTimingHeader=" + this.serverTimingHeader
                + ", trustedNetworks=" + this.trustedNetworks + ", slowRequestThreshold=" + this.slowRequestThreshold
                + ", slowCallThreshold=" + this.slowCallThreshold + ", slowQueryThreshold="
                + this.slowQueryThreshold + ", slowLogMaxLines=" + this.slowLogMaxLines + ", slowLogInterval="
                + this.slowLogInterval + "]";
    }

    /** Builds a {@link TimingConfig}. Not thread-safe. */
    public static final class Builder {

        private String propertyPrefix = "diagnostics.timing";

        private boolean requestMetric = true;

        private int maxRoutes = 100;

        private boolean processTimeHeader = true;

        private boolean serverTimingHeader = true;

        private TrustedNetworks trustedNetworks = TrustedNetworks.loopback();

        private Duration slowRequestThreshold = Duration.ofSeconds(1);

        private Duration slowCallThreshold = Duration.ofMillis(500);

        private Duration slowQueryThreshold = Duration.ofMillis(500);

        private int slowLogMaxLines = 10;

        private Duration slowLogInterval = Duration.ofMinutes(1);

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.timing}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** Whether {@code diagnostics.http.server.duration} is recorded. Default {@code true}. */
        public Builder requestMetric(boolean requestMetric) {
            this.requestMetric = requestMetric;
            return this;
        }

        /** Distinct route templates with their own series, 1 to 10,000. Default 100. */
        public Builder maxRoutes(int maxRoutes) {
            this.maxRoutes = RouteTable.maxRoutesSetting(this.propertyPrefix + ".max-routes", maxRoutes);
            return this;
        }

        /** Whether responses carry {@code X-Process-Time}. Default {@code true}. */
        public Builder processTimeHeader(boolean processTimeHeader) {
            this.processTimeHeader = processTimeHeader;
            return this;
        }

        /** Whether responses to trusted callers carry {@code Server-Timing}. Default {@code true}. */
        public Builder serverTimingHeader(boolean serverTimingHeader) {
            this.serverTimingHeader = serverTimingHeader;
            return this;
        }

        /**
         * The callers, as CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}) or single addresses, that get
         * {@code Server-Timing}. Default loopback only.
         */
        public Builder trustedNetworks(List<String> networks) {
            this.trustedNetworks = TrustedNetworks.parse(this.propertyPrefix + ".server-timing.trusted-networks",
                    networks);
            return this;
        }

        /** Requests at least this long are logged, 1 ms to 1 hour. Default 1 s. */
        public Builder slowRequestThreshold(Duration threshold) {
            this.slowRequestThreshold = threshold(".slow-request-threshold", threshold);
            return this;
        }

        /** Timed methods at least this long are logged, 1 ms to 1 hour. Default 500 ms. */
        public Builder slowCallThreshold(Duration threshold) {
            this.slowCallThreshold = threshold(".slow-call-threshold", threshold);
            return this;
        }

        /** Statements at least this long are logged and counted, 1 ms to 1 hour. Default 500 ms. */
        public Builder slowQueryThreshold(Duration threshold) {
            this.slowQueryThreshold = threshold(".slow-query-threshold", threshold);
            return this;
        }

        /** Lines per interval each slow log writes at most, 1 to 10,000. Default 10. */
        public Builder slowLogMaxLines(int maxLines) {
            if (maxLines < 1 || maxLines > 10_000) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".slow-log.max-lines",
                        "must be between 1 and 10000, was " + maxLines);
            }
            this.slowLogMaxLines = maxLines;
            return this;
        }

        /** The interval of the line limit, 1 second to 1 day. Default 1 minute. */
        public Builder slowLogInterval(Duration interval) {
            if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0
                    || interval.compareTo(Duration.ofDays(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".slow-log.interval",
                        "must be between 1 second and 1 day, was " + interval);
            }
            this.slowLogInterval = interval;
            return this;
        }

        private Duration threshold(String property, Duration threshold) {
            if (threshold == null || threshold.compareTo(Duration.ofMillis(1)) < 0
                    || threshold.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + property,
                        "must be between 1ms and 1h, was " + threshold);
            }
            return threshold;
        }

        public TimingConfig build() {
            return new TimingConfig(this);
        }
    }
}

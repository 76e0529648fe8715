package dev.diagnostics.jdbc;

import java.time.Duration;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@code postgres} check. Immutable; {@link #builder()} rejects a bad value at once, naming the
 * property under the {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.postgres}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>interval</td><td>30 s</td><td>the server is inspected at most this often</td></tr>
 * <tr><td>statement-timeout</td><td>400 ms</td><td>the inspection's own statement timeout</td></tr>
 * <tr><td>long-running-query</td><td>5 min</td><td>an active query older than this is reported</td></tr>
 * <tr><td>idle-in-transaction</td><td>1 min</td><td>a session idle in a transaction longer than this is reported</td></tr>
 * <tr><td>replica-lag</td><td>1 min</td><td>a standby further behind than this is reported</td></tr>
 * <tr><td>headroom-warning</td><td>0.9</td><td>share of usable connections in use that is reported</td></tr>
 * <tr><td>expected-instances</td><td>1</td><td>how many instances of this application share the server</td></tr>
 * <tr><td>show-query-text</td><td>false</td><td>whether query text appears (it can carry personal data)</td></tr>
 * <tr><td>query-text-length</td><td>200</td><td>query text is cut to this many characters</td></tr>
 * </table>
 */
public final class PostgresCheckConfig {

    private final Duration interval;

    private final Duration statementTimeout;

    private final Duration longRunningQuery;

    private final Duration idleInTransaction;

    private final Duration replicaLag;

    private final double headroomWarning;

    private final int expectedInstances;

    private final boolean showQueryText;

    private final int queryTextLength;

    private PostgresCheckConfig(Builder builder) {
        this.interval = builder.interval;
        this.statementTimeout = builder.statementTimeout;
        this.longRunningQuery = builder.longRunningQuery;
        this.idleInTransaction = builder.idleInTransaction;
        this.replicaLag = builder.replicaLag;
        this.headroomWarning = builder.headroomWarning;
        this.expectedInstances = builder.expectedInstances;
        this.showQueryText = builder.showQueryText;
        this.queryTextLength = builder.queryTextLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PostgresCheckConfig defaults() {
        return builder().build();
    }

    public Duration interval() {
        return this.interval;
    }

    public Duration statementTimeout() {
        return this.statementTimeout;
    }

    public Duration longRunningQuery() {
        return this.longRunningQuery;
    }

    public Duration idleInTransaction() {
        return this.idleInTransaction;
    }

    public Duration replicaLag() {
        return this.replicaLag;
    }

    public double headroomWarning() {
        return this.headroomWarning;
    }

    public int expectedInstances() {
        return this.expectedInstances;
    }

    public boolean showQueryText() {
        return this.showQueryText;
    }

    public int queryTextLength() {
        return this.queryTextLength;
    }

    /** Builds a {@link PostgresCheckConfig}. */
    public static final class Builder {

        private Duration interval = Duration.ofSeconds(30);

        private Duration statementTimeout = Duration.ofMillis(400);

        private Duration longRunningQuery = Duration.ofMinutes(5);

        private Duration idleInTransaction = Duration.ofMinutes(1);

        private Duration replicaLag = Duration.ofMinutes(1);

        private double headroomWarning = 0.9;

        private int expectedInstances = 1;

        private boolean showQueryText;

        private int queryTextLength = 200;

        private String propertyPrefix = "diagnostics.postgres";

        private Builder() {
        }

        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = positive("interval", interval);
            return this;
        }

        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = positive("statement-timeout", statementTimeout);
            return this;
        }

        public Builder longRunningQuery(Duration longRunningQuery) {
            this.longRunningQuery = positive("long-running-query", longRunningQuery);
            return this;
        }

        public Builder idleInTransaction(Duration idleInTransaction) {
            this.idleInTransaction = positive("idle-in-transaction", idleInTransaction);
            return this;
        }

        public Builder replicaLag(Duration replicaLag) {
            this.replicaLag = positive("replica-lag", replicaLag);
            return this;
        }

        /** A share between 0 (exclusive) and 1 (inclusive). */
        public Builder headroomWarning(double headroomWarning) {
            if (!(headroomWarning > 0 && headroomWarning <= 1)) {
                throw invalid("headroom-warning", "must be above 0 and at most 1, was " + headroomWarning);
            }
            this.headroomWarning = headroomWarning;
            return this;
        }

        public Builder expectedInstances(int expectedInstances) {
            if (expectedInstances < 1 || expectedInstances > 10_000) {
                throw invalid("expected-instances", "must be between 1 and 10000, was " + expectedInstances);
            }
            this.expectedInstances = expectedInstances;
            return this;
        }

        public Builder showQueryText(boolean showQueryText) {
            this.showQueryText = showQueryText;
            return this;
        }

        public Builder queryTextLength(int queryTextLength) {
            if (queryTextLength < 1 || queryTextLength > 10_000) {
                throw invalid("query-text-length", "must be between 1 and 10000, was " + queryTextLength);
            }
            this.queryTextLength = queryTextLength;
            return this;
        }

        public PostgresCheckConfig build() {
            return new PostgresCheckConfig(this);
        }

        private Duration positive(String field, Duration value) {
            return InvalidConfigurationException.requirePositive(this.propertyPrefix + "." + field, value);
        }

        private InvalidConfigurationException invalid(String field, String message) {
            return new InvalidConfigurationException(this.propertyPrefix + "." + field, message);
        }
    }
}

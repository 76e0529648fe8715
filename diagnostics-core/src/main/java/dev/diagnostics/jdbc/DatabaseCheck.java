package dev.diagnostics.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.Redaction;
import dev.diagnostics.Status;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/**
 * The {@code db} check: can the application reach its database right now, and if not, why.
 *
 * <ul>
 * <li>It borrows from the pool only when the pool has a connection to lend, and never waits longer than its own
 * deadline (default 400 ms) for one, unlike a check that waits out HikariCP's 30 s connection timeout.</li>
 * <li>When every connection is lent out or threads wait, it does not join the queue: it verifies the server with a
 * direct connection (the pool's own URL and credentials), or reports the last known result when it cannot. So an
 * exhausted pool is reported by the {@code pool} check, and this check stays UP while the database is fine.</li>
 * <li>Failures are classified ({@link JdbcFailure}): refused, DNS, timeout, authentication, unknown database or
 * role, too many connections (53300), starting up or shutting down (57P03, 57P01), TLS, driver missing.</li>
 * </ul>
 *
 * <p>Details: database product and version, latency, pool name, how the server was reached, and the JDBC URL with
 * any password removed.
 */
public final class DatabaseCheck implements HealthCheck {

    /** The check's default name, the same as Spring Boot's indicator it replaces. */
    public static final String NAME = "db";

    private final ConnectionRoute route;

    private final PoolView pool;

    private final DirectConnector direct;

    private final JdbcUrl url;

    private final Duration deadline;

    private final TimeSource time;

    private final List<String> secrets;

    private volatile String product;

    private volatile LastVerification lastVerification;

    private DatabaseCheck(Builder builder) {
        this.route = new ConnectionRoute(builder.dataSource, builder.pool, builder.direct, builder.deadline,
                builder.time);
        this.pool = builder.pool;
        this.direct = builder.direct;
        this.url = (builder.direct != null) ? builder.direct.url()
                : (builder.url != null) ? JdbcUrl.parse(builder.url) : null;
        this.deadline = builder.deadline;
        this.time = builder.time;
        List<String> known = new ArrayList<>(builder.secrets);
        if (builder.direct instanceof DriverConnector connector && connector.password() != null) {
            known.add(connector.password());
        }
        this.secrets = List.copyOf(known);
    }

    /**
     * @param dataSource the application's data source (usually its pool)
     * @param time the clock for latency and the borrow deadline
     */
    public static Builder builder(DataSource dataSource, TimeSource time) {
        return new Builder(dataSource, time);
    }

    /** A registration in the readiness group. */
    public static CheckRegistration.Builder registration(String name, DatabaseCheck check) {
        return CheckRegistration.builder(name, check).groups(HealthGroups.READINESS);
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public Diagnosis timeoutDiagnosis(Duration timeout) {
        return JdbcFailureClassifier.diagnose(
                new SQLTimeoutException("no answer within " + timeout.toMillis() + " ms"), target());
    }

    @Override
    public CheckResult check() {
        long start = this.time.nanoTime();
        String poolBusy = this.route.poolBusyReason();
        if (poolBusy != null) {
            return verifyDirectly(start, poolBusy);
        }
        try {
            return viaPool(start);
        }
        catch (ConnectionRoute.BorrowDeadlineException ex) {
            return verifyDirectlyOr(start, "the pool did not lend a connection within " + this.deadline.toMillis()
                    + " ms", ex.getCause());
        }
        catch (SQLException | RuntimeException ex) {
            return verifyDirectlyOr(start, "borrowing from the pool failed", ex);
        }
    }

    /** Borrows, validates, and retries once when the pool lent a connection the server had already closed. */
    private CheckResult viaPool(long start) throws SQLException, ConnectionRoute.BorrowDeadlineException {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = this.route.borrow()) {
                if (connection.isValid(this.route.deadlineSeconds())) {
                    return up(start, connection, "pool");
                }
                if (attempt >= 2) {
                    throw new SQLException("Connection.isValid returned false", "08006");
                }
            }
            catch (SQLException ex) {
                JdbcFailure kind = JdbcFailureClassifier.classify(ex);
                boolean brokenConnection = kind == JdbcFailure.CONNECTION_LOST
                        || kind == JdbcFailure.SERVER_SHUTTING_DOWN;
                if (attempt >= 2 || !brokenConnection) {
                    throw ex;
                }
            }
        }
    }

    private CheckResult verifyDirectlyOr(long start, String why, Throwable poolFailure) {
        if (this.direct != null) {
            return verifyDirectly(start, why);
        }
        return remember(down(start, poolFailure, "pool"));
    }

    private CheckResult verifyDirectly(long start, String why) {
        if (this.direct == null) {
            return lastKnown(why);
        }
        try (Connection connection = this.direct.open()) {
            CheckResult result = up(start, connection, "direct connection");
            return result.toBuilder().detail("poolNote", "Not borrowed from the pool: " + why
                    + ". The server answered a direct connection, so the database is up; see the 'pool' check.")
                    .build();
        }
        catch (SQLException | RuntimeException ex) {
            CheckResult failure = down(start, ex, "direct connection");
            if (JdbcFailureClassifier.classify(ex) == JdbcFailure.TOO_MANY_CONNECTIONS && this.pool != null
                    && this.pool.total() > 0) {
                return remember(failure.toBuilder().detail("poolNote", "Not borrowed from the pool: " + why
                        + ". The server is up but has no free connection slot; this pool holds "
                        + this.pool.total() + ".").build().withStatus(Status.DEGRADED));
            }
            return failure;
        }
    }

    private CheckResult lastKnown(String why) {
        LastVerification last = this.lastVerification;
        if (last == null) {
            return CheckResult.unknown()
                    .detail("pool", poolName())
                    .diagnosis("db.not-verified", "The database could not be verified: " + why
                            + ", and no direct connection is configured",
                            "See the 'pool' check for who holds the connections.")
                    .build();
        }
        return CheckResult.status(last.status())
                .detail("database", this.product)
                .detail("pool", poolName())
                .detail("via", "last known result")
                .detail("verifiedAt", last.at())
                .detail("poolNote", "Not borrowed from the pool: " + why + "; showing the last verification.")
                .build();
    }

    private CheckResult up(long start, Connection connection, String via) throws SQLException {
        if (this.product == null) {
            DatabaseMetaData metaData = connection.getMetaData();
            this.product = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
        }
        CheckResult.Builder result = CheckResult.up()
                .detail("database", this.product)
                .detail("latencyMs", Duration.ofNanos(this.time.nanoTime() - start).toMillis())
                .detail("via", via);
        addTarget(result);
        return remember(result.build());
    }

    private CheckResult down(long start, Throwable failure, String via) {
        CheckResult.Builder result = CheckResult.down()
                .detail("via", via)
                .detail("latencyMs", Duration.ofNanos(this.time.nanoTime() - start).toMillis())
                .diagnosis(JdbcFailureClassifier.diagnose(failure, target()))
                .error(Redaction.redact(Redaction.describe(failure), this.secrets));
        if (this.product != null) {
            result.detail("database", this.product);
        }
        addTarget(result);
        return result.build();
    }

    private CheckResult remember(CheckResult result) {
        if (result.status() != Status.UNKNOWN) {
            this.lastVerification = new LastVerification(result.status(), this.time.now());
        }
        return result;
    }

    private void addTarget(CheckResult.Builder result) {
        if (this.pool != null) {
            result.detail("pool", this.pool.name());
        }
        if (this.url != null) {
            result.detail("url", this.url.redacted());
        }
    }

    private String poolName() {
        return (this.pool != null) ? this.pool.name() : null;
    }

    private JdbcUrl target() {
        return (this.url != null) ? this.url : JdbcUrl.parse("jdbc:unknown");
    }

    @Override
    public String toString() {
        return "DatabaseCheck[" + ((this.url != null) ? this.url.redacted() : "?") + "]";
    }

    private record LastVerification(Status status, Instant at) {
    }

    /** Builds a {@link DatabaseCheck}. */
    public static final class Builder {

        private final DataSource dataSource;

        private final TimeSource time;

        private PoolView pool;

        private DirectConnector direct;

        private String url;

        private Duration deadline = Duration.ofMillis(400);

        private final List<String> secrets = new ArrayList<>();

        private Builder(DataSource dataSource, TimeSource time) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.time = Objects.requireNonNull(time, "time");
        }

        /** The pool behind the data source, so the check never queues on an exhausted pool. */
        public Builder pool(PoolView pool) {
            this.pool = pool;
            return this;
        }

        /** How to reach the server without the pool. */
        public Builder directConnector(DirectConnector direct) {
            this.direct = direct;
            return this;
        }

        /** The JDBC URL, for diagnoses, when no direct connector gives it. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** How long to wait for the pool to lend a connection; must be positive. Default 400 ms. */
        public Builder deadline(Duration deadline) {
            this.deadline = dev.diagnostics.InvalidConfigurationException.requirePositive("db check deadline",
                    deadline);
            return this;
        }

        /** Secret values (passwords) to remove from any error text. */
        public Builder secrets(Collection<String> secrets) {
            secrets.stream().filter(Objects::nonNull).forEach(this.secrets::add);
            return this;
        }

        public DatabaseCheck build() {
            return new DatabaseCheck(this);
        }
    }
}

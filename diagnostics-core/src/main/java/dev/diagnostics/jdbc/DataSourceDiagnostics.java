package dev.diagnostics.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.pool.ConnectionSettings;
import dev.diagnostics.pool.PoolAdapter;
import dev.diagnostics.pool.PoolCheck;
import dev.diagnostics.pool.PoolCheckConfig;
import dev.diagnostics.pool.PoolExhaustionDetector;
import dev.diagnostics.pool.PoolMetrics;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/**
 * Every database diagnostic for one {@link DataSource}, set up the same way for every framework: the {@code db}
 * check; when the data source is a known pool (HikariCP, Agroal), the {@code pool} check, its exhaustion detector and
 * its meters; when the database is PostgreSQL, the {@code postgres} check. The starters call
 * {@link #builder(DataSource, TimeSource)} once per data source, register {@link #registrations()}, bind
 * {@link #meterBinders()} and {@link #close()} it on shutdown.
 *
 * <p>Pool adapters are loaded by class name only when their pool's library is on the class path.
 */
public final class DataSourceDiagnostics implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(DataSourceDiagnostics.class);

    /** Pool class name, adapter class name. */
    private static final String[][] ADAPTERS = {
        { "com.zaxxer.hikari.HikariDataSource", "dev.diagnostics.pool.hikari.HikariPoolAdapter" },
        { "io.agroal.api.AgroalDataSource", "dev.diagnostics.pool.agroal.AgroalPoolAdapter" } };

    private final List<CheckRegistration> registrations;

    private final List<MeterBinder> meterBinders;

    private final PoolView pool;

    private final PoolExhaustionDetector detector;

    private DataSourceDiagnostics(List<CheckRegistration> registrations, List<MeterBinder> meterBinders, PoolView pool,
            PoolExhaustionDetector detector) {
        this.registrations = List.copyOf(registrations);
        this.meterBinders = List.copyOf(meterBinders);
        this.pool = pool;
        this.detector = detector;
    }

    public static Builder builder(DataSource dataSource, TimeSource time) {
        return new Builder(dataSource, time);
    }

    /** The checks to register: {@code db}, then {@code pool} and {@code postgres} where they apply. */
    public List<CheckRegistration> registrations() {
        return this.registrations;
    }

    /** The pool's meters, when the pool is known. */
    public List<MeterBinder> meterBinders() {
        return this.meterBinders;
    }

    /** The pool's view, when the data source is a known pool. */
    public Optional<PoolView> pool() {
        return Optional.ofNullable(this.pool);
    }

    /** Stops the pool's exhaustion detector. */
    @Override
    public void close() {
        if (this.detector != null) {
            this.detector.close();
        }
    }

    static PoolAdapter adapterFor(DataSource dataSource) {
        ClassLoader loader = DataSourceDiagnostics.class.getClassLoader();
        for (String[] adapter : ADAPTERS) {
            try {
                Class<?> poolType = Class.forName(adapter[0], false, loader);
                if (poolType.isInstance(dataSource) || dataSource.isWrapperFor(poolType)) {
                    return (PoolAdapter) Class.forName(adapter[1], true, loader).getDeclaredConstructor()
                            .newInstance();
                }
            }
            catch (ClassNotFoundException | LinkageError ex) {
                // That pool's library is not on the class path.
            }
            catch (ReflectiveOperationException | java.sql.SQLException ex) {
                logger.debug("Pool adapter {} unavailable", adapter[1], ex);
            }
        }
        return null;
    }

    /** Builds a {@link DataSourceDiagnostics}. */
    public static final class Builder {

        private final DataSource dataSource;

        private final TimeSource time;

        private String name;

        private Duration deadline = Duration.ofMillis(400);

        private PoolCheckConfig poolConfig = PoolCheckConfig.defaults();

        private PostgresCheckConfig postgresConfig = PostgresCheckConfig.defaults();

        private boolean poolEnabled = true;

        private boolean postgresEnabled = true;

        private String propertyPrefix = "diagnostics";

        private Builder(DataSource dataSource, TimeSource time) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.time = Objects.requireNonNull(time, "time");
        }

        /**
         * The data source's name. {@code null} (the default) names the checks {@code db}, {@code pool} and
         * {@code postgres}; a name {@code orders} names them {@code db-orders}, {@code pool-orders} and
         * {@code postgres-orders}, for applications with several data sources.
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Names properties in error messages after this prefix (default {@code diagnostics}, so a bad deadline names
         * {@code diagnostics.db.deadline}).
         */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** How long the probes wait for the pool to lend a connection; must be positive. Default 400 ms. */
        public Builder deadline(Duration deadline) {
            this.deadline = dev.diagnostics.InvalidConfigurationException
                    .requirePositive(this.propertyPrefix + ".db.deadline", deadline);
            return this;
        }

        public Builder poolConfig(PoolCheckConfig poolConfig) {
            this.poolConfig = Objects.requireNonNull(poolConfig, "poolConfig");
            return this;
        }

        public Builder postgresConfig(PostgresCheckConfig postgresConfig) {
            this.postgresConfig = Objects.requireNonNull(postgresConfig, "postgresConfig");
            return this;
        }

        /**
         * Whether the {@code pool} check and detector are set up for a known pool. Default {@code true}. When
         * {@code false} the pool is not instrumented at all.
         */
        public Builder poolEnabled(boolean poolEnabled) {
            this.poolEnabled = poolEnabled;
            return this;
        }

        /** Whether the {@code postgres} check is set up for a PostgreSQL database. Default {@code true}. */
        public Builder postgresEnabled(boolean postgresEnabled) {
            this.postgresEnabled = postgresEnabled;
            return this;
        }

        /** Attaches to the pool (starting its detector) and builds the checks. */
        public DataSourceDiagnostics build() {
            String suffix = (this.name != null) ? "-" + this.name : "";
            PoolAdapter adapter = adapterFor(this.dataSource);
            // With the pool diagnostics off the pool is left untouched (no tracker, no metrics switched on); the db
            // check then borrows within its deadline and falls back to a direct connection.
            PoolView pool = (adapter != null && this.poolEnabled)
                    ? adapter.attach(this.dataSource, "pool" + suffix, this.time) : null;
            ConnectionSettings settings = (adapter != null) ? adapter.connectionSettings(this.dataSource) : null;
            DriverConnector direct = (settings != null) ? new DriverConnector(settings.url(), settings.user(),
                    settings.password(), settings.properties(), settings.driverClassName(), Duration.ofSeconds(1))
                    : null;
            List<CheckRegistration> registrations = new ArrayList<>();
            List<MeterBinder> binders = new ArrayList<>();
            DatabaseCheck.Builder db = DatabaseCheck.builder(this.dataSource, this.time).pool(pool)
                    .directConnector(direct).deadline(this.deadline);
            if (settings != null && settings.password() != null) {
                db.secrets(List.of(settings.password()));
            }
            registrations.add(DatabaseCheck.registration(DatabaseCheck.NAME + suffix, db.build()).build());
            PoolExhaustionDetector detector = null;
            if (pool != null && this.poolEnabled) {
                detector = new PoolExhaustionDetector(pool, this.time, this.poolConfig.sampleInterval()).start();
                registrations.add(PoolCheck.registration("pool" + suffix,
                        new PoolCheck(pool, detector, this.poolConfig, this.time)).build());
                binders.add(new PoolMetrics(pool, detector, this.poolConfig));
            }
            if (this.postgresEnabled && direct != null && direct.url().isPostgres()) {
                registrations.add(PostgresServerCheck.registration(PostgresServerCheck.NAME + suffix,
                        PostgresServerCheck.builder(this.dataSource, this.time).pool(pool).directConnector(direct)
                                .deadline(this.deadline).config(this.postgresConfig).build())
                        .build());
            }
            return new DataSourceDiagnostics(registrations, binders, pool, detector);
        }
    }
}

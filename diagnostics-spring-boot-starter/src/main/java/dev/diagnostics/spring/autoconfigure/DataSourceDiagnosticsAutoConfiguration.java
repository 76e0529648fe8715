package dev.diagnostics.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.jdbc.DataSourceDiagnostics;
import dev.diagnostics.jdbc.PostgresCheckConfig;
import dev.diagnostics.pool.PoolCheckConfig;
import dev.diagnostics.time.TimeSource;

/**
 * Diagnoses every DataSource bean with {@link DataSourceDiagnostics}: a {@code db} check that replaces Spring Boot's
 * own {@code db} indicator under the same name, a {@code pool} check for each HikariCP pool (with its exhaustion
 * detector, holder tracking and {@code diagnostics.pool.*} meters) and a {@code postgres} check for each PostgreSQL
 * database, all in the readiness group and configured by {@code diagnostics.db.*}, {@code diagnostics.pool.*} and
 * {@code diagnostics.postgres.*}.
 *
 * <p>Replacing Spring Boot's indicator uses its own back-off: its {@code dbHealthContributor} bean is conditional on
 * no bean named {@code dbHealthIndicator} or {@code dbHealthContributor}, and {@link DatabaseDiagnostics} carries the
 * alias {@code dbHealthContributor}. The back-off works both ways: an application that defines either bean keeps its
 * own indicator and gets none of these checks; {@code diagnostics.db.enabled=false} keeps Spring Boot's. Spring Boot's
 * own switch, {@code management.health.db.enabled=false} (or {@code management.health.defaults.enabled=false}), turns
 * these checks off as it does its indicator: a user who switched database health off does not get it back.
 *
 * <p>Check names: with one DataSource, {@code db}, {@code pool} and {@code postgres}. With several, the
 * {@code @Primary} one keeps those names and every other one is suffixed with its bean name without a trailing
 * "DataSource" (the name Spring Boot's {@code jdbc.connections.*} meters use): bean {@code ordersDataSource} gives
 * {@code db-orders}, {@code pool-orders}, {@code postgres-orders}. Without a {@code @Primary} DataSource, every one is
 * suffixed. {@code diagnostics.checks.<name>.*} applies to each check as to any other.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        // Composing with Spring Boot's Hikari meters needs its binder's bean definition.
        "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple"
                + ".SimpleMetricsExportAutoConfiguration" },
        // Our bean must exist when Spring Boot's db indicator decides whether to back off.
        beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass(HealthEngine.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "diagnostics.health.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "diagnostics.db.enabled", matchIfMissing = true)
// Spring Boot's own switch for its db indicator turns off what replaces it.
@ConditionalOnEnabledHealthIndicator("db")
@ConditionalOnMissingBean(name = { "dbHealthIndicator", "dbHealthContributor" })
@EnableConfigurationProperties(DiagnosticsProperties.class)
public final class DataSourceDiagnosticsAutoConfiguration {

    private static final String DATA_SOURCE_SUFFIX = "datasource";

    DataSourceDiagnosticsAutoConfiguration() {
    }

    /** Named {@code dbHealthContributor} too, which is what makes Spring Boot's db indicator back off. */
    @Bean(name = { "dataSourceDiagnostics", "dbHealthContributor" }, destroyMethod = "close")
    DatabaseDiagnostics dataSourceDiagnostics(ConfigurableListableBeanFactory beanFactory, TimeSource time,
            DiagnosticsProperties properties) {
        // The same DataSources Spring Boot's db indicator would have covered.
        Map<String, DataSource> dataSources = SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory,
                DataSource.class, false, true);
        PoolCheckConfig pool = poolConfig(properties.getPool());
        PostgresCheckConfig postgres = postgresConfig(properties.getPostgres());
        Map<String, DataSourceDiagnostics> built = new LinkedHashMap<>();
        try {
            dataSources.forEach((beanName, dataSource) -> built.put(beanName,
                    build(beanName, dataSource, checkSuffix(beanFactory, dataSources, beanName), time, properties,
                            pool, postgres)));
        }
        catch (RuntimeException ex) {
            built.values().forEach(DataSourceDiagnostics::close);
            throw ex;
        }
        return new DatabaseDiagnostics(built);
    }

    private static DataSourceDiagnostics build(String beanName, DataSource dataSource, String name, TimeSource time,
            DiagnosticsProperties properties, PoolCheckConfig pool, PostgresCheckConfig postgres) {
        try {
            return DataSourceDiagnostics.builder(dataSource, time)
                    .name(name)
                    .deadline(properties.getDb().getDeadline())
                    .poolEnabled(properties.getPool().isEnabled())
                    .poolConfig(pool)
                    .postgresEnabled(properties.getPostgres().isEnabled())
                    .postgresConfig(postgres)
                    .build();
        }
        catch (InvalidConfigurationException ex) {
            if (!"name".equals(ex.property())) {
                throw ex;
            }
            throw new IllegalStateException("DataSource bean '" + beanName + "' gives the check name suffix '" + name
                    + "', which is not valid (" + ex.getMessage() + "); rename the bean, or turn database"
                    + " diagnostics off with diagnostics.db.enabled=false", ex);
        }
    }

    /**
     * {@code null} for the only DataSource and for the {@code @Primary} one; otherwise the bean name without a
     * trailing "DataSource".
     */
    static String checkSuffix(ConfigurableListableBeanFactory beanFactory, Map<String, DataSource> dataSources,
            String beanName) {
        if (dataSources.size() == 1 || isPrimary(beanFactory, beanName)) {
            return null;
        }
        boolean suffixed = beanName.length() > DATA_SOURCE_SUFFIX.length()
                && beanName.toLowerCase(Locale.ROOT).endsWith(DATA_SOURCE_SUFFIX);
        return suffixed ? beanName.substring(0, beanName.length() - DATA_SOURCE_SUFFIX.length()) : beanName;
    }

    private static boolean isPrimary(ConfigurableListableBeanFactory beanFactory, String beanName) {
        return beanFactory.containsBeanDefinition(beanName)
                && beanFactory.getMergedBeanDefinition(beanName).isPrimary();
    }

    private static PoolCheckConfig poolConfig(DiagnosticsProperties.Pool pool) {
        return PoolCheckConfig.builder()
                .propertyPrefix("diagnostics.pool")
                .leakThreshold(pool.getLeakThreshold())
                .timeoutWindow(pool.getTimeoutWindow())
                .sampleInterval(pool.getSampleInterval())
                .holdersShown(pool.getHoldersShown())
                .build();
    }

    private static PostgresCheckConfig postgresConfig(DiagnosticsProperties.Postgres postgres) {
        return PostgresCheckConfig.builder()
                .propertyPrefix("diagnostics.postgres")
                .interval(postgres.getInterval())
                .statementTimeout(postgres.getStatementTimeout())
                .longRunningQuery(postgres.getLongRunningQuery())
                .idleInTransaction(postgres.getIdleInTransaction())
                .replicaLag(postgres.getReplicaLag())
                .headroomWarning(postgres.getHeadroomWarning())
                .expectedInstances(postgres.getExpectedInstances())
                .showQueryText(postgres.isShowQueryText())
                .queryTextLength(postgres.getQueryTextLength())
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        /** Every pool's {@code diagnostics.pool.*} meters, bound by Spring Boot to the application's registry. */
        @Bean
        @ConditionalOnMissingBean(name = "dataSourceDiagnosticsMetrics")
        MeterBinder dataSourceDiagnosticsMetrics(DatabaseDiagnostics diagnostics) {
            return (registry) -> diagnostics.meterBinders().forEach((binder) -> binder.bindTo(registry));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HikariDataSource.class)
    static class HikariConfiguration {

        /** Attaches holder tracking to each HikariCP pool before it starts. */
        @Bean
        @ConditionalOnMissingBean
        static HikariTrackingPostProcessor diagnosticsHikariTrackingPostProcessor(ObjectProvider<TimeSource> time) {
            return new HikariTrackingPostProcessor(time);
        }

        /**
         * Where Spring Boot's Hikari meter binder exists, gives each pool it skipped (because our tracking was there
         * first) the Micrometer tracker it would have set, so {@code hikaricp.*} meters stay.
         */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnBean(name = "hikariDataSourceMeterBinder")
        static class MicrometerConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "diagnosticsHikariMeterBinder")
            MeterBinder diagnosticsHikariMeterBinder(HikariTrackingPostProcessor tracking) {
                return tracking::bindMicrometer;
            }
        }
    }
}

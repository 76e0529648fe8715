package dev.diagnostics.spring.autoconfigure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import dev.diagnostics.pool.hikari.HikariPools;
import dev.diagnostics.time.TimeSource;

/**
 * Attaches connection-holder tracking to each HikariCP DataSource bean as soon as the bean is ready. Spring Boot's
 * pool starts at its first borrow, later than this, so every connection ever lent is tracked; HikariCP would accept
 * tracking on a running pool only if nothing else had hooked into it yet.
 *
 * <p>It keeps Spring Boot's {@code hikaricp.*} meters. Spring Boot's Hikari meter binder sets a
 * {@link MicrometerMetricsTrackerFactory} only on a pool that has no metrics tracker factory, and it runs after all
 * singletons exist, when the pool has usually started already (SQL initialization, an early query): it would find
 * ours and skip. So where Spring Boot would set its factory (a pool not started, with no factory and no Dropwizard
 * registry), this first sets a {@link DeferredMetricsTrackerFactory}, which our tracking wraps;
 * {@link #bindMicrometer(MeterRegistry)}, called as a meter binder in place of Spring Boot's, then gives it the
 * factory Spring Boot would have set, and the same {@code hikaricp.*} meters appear.
 */
final class HikariTrackingPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<TimeSource> time;

    private final List<DeferredMetricsTrackerFactory> deferred = new ArrayList<>();

    private MetricsTrackerFactory micrometer;

    HikariTrackingPostProcessor(ObjectProvider<TimeSource> time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            HikariDataSource hikari = unwrap(dataSource);
            if (hikari != null) {
                attach(hikari, beanName);
            }
        }
        return bean;
    }

    private void attach(HikariDataSource hikari, String beanName) {
        boolean notStarted = hikari.getHikariPoolMXBean() == null;
        if (notStarted && hikari.getMetricsTrackerFactory() == null && hikari.getMetricRegistry() == null) {
            DeferredMetricsTrackerFactory factory = new DeferredMetricsTrackerFactory();
            hikari.setMetricsTrackerFactory(factory);
            synchronized (this) {
                this.deferred.add(factory);
                if (this.micrometer != null) {
                    factory.delegateTo(this.micrometer);
                }
            }
        }
        HikariPools.attach(hikari, beanName, this.time.getObject());
    }

    /**
     * Gives every pool that Spring Boot's Hikari meter binder skipped because of our tracking the
     * {@link MicrometerMetricsTrackerFactory} it would have set. Only the first registry counts, as with Spring Boot.
     */
    synchronized void bindMicrometer(MeterRegistry registry) {
        if (this.micrometer == null) {
            this.micrometer = new MicrometerMetricsTrackerFactory(registry);
            this.deferred.forEach((factory) -> factory.delegateTo(this.micrometer));
        }
    }

    private static HikariDataSource unwrap(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        }
        catch (SQLException | RuntimeException ex) {
            return null;
        }
    }
}

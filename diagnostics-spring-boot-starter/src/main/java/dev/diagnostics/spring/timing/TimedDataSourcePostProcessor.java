package dev.diagnostics.spring.timing;

import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import dev.diagnostics.jdbc.SlowQueryLog;
import dev.diagnostics.jdbc.proxy.TimedDataSources;
import dev.diagnostics.time.TimeSource;

/**
 * Wraps each {@link DataSource} bean with datasource-proxy (core's {@link TimedDataSources}) so its statements are
 * charged to the current request and slow ones logged. Runs last among ordered post-processors, so the wrapper is
 * the outermost layer; the pool inside stays reachable through {@code unwrap}/{@code isWrapperFor} (the pool
 * diagnostics' HikariCP hook and Spring Boot's pool metadata use them). The pool's name in the slow-query log is the
 * bean's name. The slow-query log (and the meter registry behind it) is looked up at the first statement, not here.
 */
public final class TimedDataSourcePostProcessor implements BeanPostProcessor, Ordered {

    private final ObjectProvider<SlowQueryLog> slowQueries;

    private final ObjectProvider<TimeSource> time;

    public TimedDataSourcePostProcessor(ObjectProvider<SlowQueryLog> slowQueries, ObjectProvider<TimeSource> time) {
        this.slowQueries = Objects.requireNonNull(slowQueries, "slowQueries");
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !TimedDataSources.isTimed(dataSource)) {
            return TimedDataSources.wrap(dataSource, beanName, this.slowQueries::getIfAvailable,
                    this.time.getObject());
        }
        return bean;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

package dev.diagnostics.jdbc.proxy;

import java.util.function.Supplier;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import dev.diagnostics.jdbc.SlowQueryLog;
import dev.diagnostics.time.TimeSource;

/**
 * Wraps a {@link DataSource} with datasource-proxy so each statement is timed: charged to the current request's
 * {@link dev.diagnostics.timing.RequestTiming} and reported to the {@link SlowQueryLog}. The wrapper keeps
 * {@link DataSource#unwrap(Class)} and {@link DataSource#isWrapperFor(Class)} working for the pool inside (so pool
 * diagnostics and Spring Boot's pool metadata still find a {@code HikariDataSource}), and closes it on
 * {@code close()}. The only class of the library that touches datasource-proxy, an optional dependency: load it by
 * name ({@link #AVAILABLE_CLASS}) before use.
 */
public final class TimedDataSources {

    /** Present when datasource-proxy is on the class path. */
    public static final String AVAILABLE_CLASS = "net.ttddyy.dsproxy.support.ProxyDataSource";

    private TimedDataSources() {
    }

    /**
     * @param dataSource the data source to time; returned unchanged when it is already timed by this library
     * @param name the pool's name, shown in the slow-query log and its counter's tag
     * @param slowQueries the slow-query log, or {@code null} for request timing only
     * @param time the clock
     */
    public static DataSource wrap(DataSource dataSource, String name, SlowQueryLog slowQueries, TimeSource time) {
        return wrap(dataSource, name, () -> slowQueries, time);
    }

    /**
     * As {@link #wrap(DataSource, String, SlowQueryLog, TimeSource)}, with the slow-query log looked up at the first
     * statement: for frameworks that wrap data sources before their meter registry exists.
     */
    public static DataSource wrap(DataSource dataSource, String name, Supplier<SlowQueryLog> slowQueries,
            TimeSource time) {
        if (isTimed(dataSource)) {
            return dataSource;
        }
        return ProxyDataSourceBuilder.create(name, dataSource)
                .listener(new StatementTimingListener(time, slowQueries))
                .build();
    }

    /** Whether this data source is already timed by {@link #wrap}. */
    public static boolean isTimed(DataSource dataSource) {
        if (dataSource instanceof ProxyDataSource proxy) {
            return proxy.getProxyConfig().getQueryListener().getListeners().stream()
                    .anyMatch(StatementTimingListener.class::isInstance);
        }
        return false;
    }
}

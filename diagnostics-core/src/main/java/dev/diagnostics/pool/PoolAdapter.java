package dev.diagnostics.pool;

import javax.sql.DataSource;

import dev.diagnostics.time.TimeSource;

/**
 * Recognises one kind of connection pool and connects the pool diagnostics to it. Implementations live in the
 * pool's own package ({@code pool.hikari}, {@code pool.agroal}) and are loaded by class name only when that pool's
 * library is on the class path, so an application without it never loads a class that refers to it.
 */
public interface PoolAdapter {

    /**
     * Attaches to the pool behind the data source.
     *
     * @param dataSource the application's data source, possibly a wrapper around the pool
     * @param name the name to report when the pool has none
     * @param time the clock holders are recorded with
     * @return the pool's view, or {@code null} when the data source is not this kind of pool
     */
    PoolView attach(DataSource dataSource, String name, TimeSource time);

    /**
     * How the pool connects, so the server can be verified without the pool; {@code null} when the pool does not
     * say (for example a pool configured with a driver-specific DataSource class instead of a URL).
     */
    ConnectionSettings connectionSettings(DataSource dataSource);
}

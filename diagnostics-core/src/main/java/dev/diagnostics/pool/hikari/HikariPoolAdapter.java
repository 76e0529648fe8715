package dev.diagnostics.pool.hikari;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.diagnostics.pool.ConnectionSettings;
import dev.diagnostics.pool.PoolAdapter;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/** {@link PoolAdapter} for HikariCP; loaded by class name only when HikariCP is present. */
public final class HikariPoolAdapter implements PoolAdapter {

    @Override
    public PoolView attach(DataSource dataSource, String name, TimeSource time) {
        HikariDataSource hikari = unwrap(dataSource);
        return (hikari != null) ? HikariPools.attach(hikari, name, time) : null;
    }

    @Override
    public ConnectionSettings connectionSettings(DataSource dataSource) {
        HikariDataSource hikari = unwrap(dataSource);
        if (hikari == null || hikari.getJdbcUrl() == null) {
            return null;
        }
        return new ConnectionSettings(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(),
                hikari.getDataSourceProperties(), hikari.getDriverClassName());
    }

    private static HikariDataSource unwrap(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        }
        catch (SQLException ex) {
            return null;
        }
    }
}

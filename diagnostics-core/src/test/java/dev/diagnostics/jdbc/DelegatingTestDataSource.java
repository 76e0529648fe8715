package dev.diagnostics.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Passes every call to another DataSource; tests override what they observe. */
public class DelegatingTestDataSource extends AbstractDataSource {

    private final DataSource delegate;

    public DelegatingTestDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return this.delegate.getConnection();
    }
}

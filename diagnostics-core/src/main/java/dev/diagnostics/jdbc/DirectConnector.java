package dev.diagnostics.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens one connection straight to the database, bypassing any pool, with deadlines of its own. Used to verify the
 * server when the pool has nothing to lend, so a full pool is never mistaken for a database that is down.
 */
public interface DirectConnector {

    /** The database this connector reaches. */
    JdbcUrl url();

    /** Opens a new physical connection; the caller closes it. */
    Connection open() throws SQLException;
}

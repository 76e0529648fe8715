package dev.diagnostics.quarkus.deployment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The machine's PostgreSQL (trust authentication, so any password is accepted and can be a canary). */
final class LocalPostgres {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    static final String USER = "postgres";

    private LocalPostgres() {
    }

    /** Cancels the queries whose text carries the tag, so threads sleeping in them return at once. */
    static void cancelQueriesTagged(String tag) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_cancel_backend(pid) from pg_stat_activity where query like '%" + tag
                    + "%' and pid <> pg_backend_pid()");
        }
    }
}

package dev.diagnostics.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The machine's PostgreSQL on 127.0.0.1:5432 (trust auth, database {@code test}); never stopped by tests. */
public final class SharedPostgres {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    public static final String USER = "postgres";

    private SharedPostgres() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, "");
    }

    /** Runs one statement as the superuser. */
    public static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

package dev.diagnostics.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * A {@link DirectConnector} through the JDBC driver for a URL and credentials (typically the pool's own). For
 * PostgreSQL it sets the driver's connect, login and socket timeouts (whole seconds, at least 1) so a probe never
 * waits for the operating system's TCP timeout. The password is kept only to connect: {@link #toString()} and every
 * message show the URL without it.
 */
public final class DriverConnector implements DirectConnector {

    private final JdbcUrl url;

    private final String rawUrl;

    private final String user;

    private final String password;

    private final Properties properties;

    private final String driverClassName;

    private final int timeoutSeconds;

    /**
     * @param url the JDBC URL
     * @param user the user, or {@code null}
     * @param password the password, or {@code null}
     * @param properties extra driver properties (copied), or {@code null}
     * @param driverClassName the driver class to load, or {@code null} to ask {@link DriverManager}
     * @param timeout the connect and read deadline, rounded up to whole seconds for drivers that count in seconds
     */
    public DriverConnector(String url, String user, String password, Properties properties, String driverClassName,
            Duration timeout) {
        this.rawUrl = Objects.requireNonNull(url, "url");
        this.url = JdbcUrl.parse(url);
        this.user = user;
        this.password = password;
        this.properties = new Properties();
        if (properties != null) {
            this.properties.putAll(properties);
        }
        this.driverClassName = driverClassName;
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    @Override
    public JdbcUrl url() {
        return this.url;
    }

    /** The password, so a probe can remove it from any text it shows; never displayed. */
    String password() {
        return this.password;
    }

    @Override
    public Connection open() throws SQLException {
        Properties connectProperties = new Properties();
        connectProperties.putAll(this.properties);
        if (this.user != null) {
            connectProperties.setProperty("user", this.user);
        }
        if (this.password != null) {
            connectProperties.setProperty("password", this.password);
        }
        if (this.url.isPostgres()) {
            String seconds = Integer.toString(this.timeoutSeconds);
            connectProperties.setProperty("connectTimeout", seconds);
            connectProperties.setProperty("loginTimeout", seconds);
            connectProperties.setProperty("socketTimeout", seconds);
            connectProperties.putIfAbsent("ApplicationName", "diagnostics-probe");
        }
        Connection connection = driver().connect(this.rawUrl, connectProperties);
        if (connection == null) {
            throw new SQLException("No suitable driver accepts " + this.url.redacted(), "08001");
        }
        return connection;
    }

    private Driver driver() throws SQLException {
        if (this.driverClassName != null && !this.driverClassName.isBlank()) {
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                Class<?> type = Class.forName(this.driverClassName, true,
                        (loader != null) ? loader : DriverConnector.class.getClassLoader());
                return (Driver) type.getDeclaredConstructor().newInstance();
            }
            catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
                throw new SQLException("JDBC driver class " + this.driverClassName + " cannot be loaded", "08001", ex);
            }
        }
        return DriverManager.getDriver(this.rawUrl);
    }

    @Override
    public String toString() {
        return "DriverConnector[" + this.url.redacted() + (this.user != null ? ", user=" + this.user : "") + "]";
    }
}

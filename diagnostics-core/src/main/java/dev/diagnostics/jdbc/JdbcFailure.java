package dev.diagnostics.jdbc;

/**
 * Why a database could not be reached or used, with the stable diagnosis code of each kind.
 */
public enum JdbcFailure {

    /** Nothing accepts connections at the address (the server is down or listens elsewhere). */
    CONNECTION_REFUSED("db.connection-refused"),

    /** The host name does not resolve. */
    UNKNOWN_HOST("db.unknown-host"),

    /** Connecting or a query took longer than the deadline (network drop, firewall, overloaded server). */
    TIMEOUT("db.timeout"),

    /** The server rejected the credentials, or no pg_hba.conf entry admits this client. */
    AUTHENTICATION_FAILED("db.authentication-failed"),

    /** The database named in the URL does not exist (SQLSTATE 3D000). */
    UNKNOWN_DATABASE("db.unknown-database"),

    /** The role (user) does not exist. */
    UNKNOWN_ROLE("db.unknown-role"),

    /** The server or a role or database connection limit is reached (SQLSTATE 53300). */
    TOO_MANY_CONNECTIONS("db.too-many-connections"),

    /** The server is starting up or in recovery and not accepting connections yet (SQLSTATE 57P03). */
    SERVER_STARTING("db.server-starting"),

    /** The server is shutting down, or terminated the session by an administrator command (57P01, 57P02). */
    SERVER_SHUTTING_DOWN("db.server-shutting-down"),

    /** An established connection broke (SQLSTATE class 08, end of stream). */
    CONNECTION_LOST("db.connection-lost"),

    /** TLS negotiation failed (certificate, protocol or SSL mode mismatch). */
    TLS_FAILED("db.tls-failed"),

    /** No JDBC driver accepts the URL, or the driver class is not on the class path. */
    DRIVER_MISSING("db.driver-missing"),

    /** The connection was fine but the validation query failed or returned false. */
    VALIDATION_FAILED("db.validation-failed"),

    /** Something else; the error says what. */
    OTHER("db.failed");

    private final String code;

    JdbcFailure(String code) {
        this.code = code;
    }

    /** The stable diagnosis code. */
    public String code() {
        return this.code;
    }
}

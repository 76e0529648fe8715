package dev.diagnostics.jdbc;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import dev.diagnostics.Diagnosis;

/**
 * Tells why a JDBC call failed, from the SQLSTATEs and exception types along the cause chain, and writes the
 * diagnosis an on-call engineer needs: what is wrong with which server, and what to do. Works with any driver;
 * the PostgreSQL SQLSTATEs give the most precise answers. Stateless and thread-safe.
 */
public final class JdbcFailureClassifier {

    private JdbcFailureClassifier() {
    }

    /** The kind of failure. */
    public static JdbcFailure classify(Throwable failure) {
        JdbcFailure byType = null;
        for (Throwable current = failure; current != null; current = next(current)) {
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                JdbcFailure byState = fromSqlState(sql.getSQLState(), message(sql));
                if (byState != null && byState != JdbcFailure.CONNECTION_LOST) {
                    return byState;
                }
                if (byState != null && byType == null) {
                    byType = byState;
                }
            }
            JdbcFailure fromType = fromType(current);
            if (fromType != null && (byType == null || byType == JdbcFailure.CONNECTION_LOST)) {
                byType = fromType;
            }
        }
        return (byType != null) ? byType : JdbcFailure.OTHER;
    }

    /**
     * A diagnosis for the failure against the given database.
     *
     * @param failure what the driver or pool threw
     * @param url the database it was talking to (only its redacted form and address are used)
     */
    public static Diagnosis diagnose(Throwable failure, JdbcUrl url) {
        JdbcFailure kind = classify(failure);
        String address = url.address();
        String database = (url.database() != null) ? "'" + url.database() + "'" : "the database";
        String message = lastMessage(failure);
        return switch (kind) {
            case CONNECTION_REFUSED -> Diagnosis.of(kind.code(),
                    "Nothing accepts connections at " + address + " (connection refused): the server is down or"
                            + " listens on another host or port",
                    "Check that the database server runs and listens on " + address + " (pg_isready -h "
                            + hostOf(url) + "); check the host and port in the database URL.");
            case UNKNOWN_HOST -> Diagnosis.of(kind.code(),
                    "The database host '" + hostOf(url) + "' does not resolve (DNS)",
                    "Check the host name in the database URL and that this container's DNS can resolve it"
                            + " (getent hosts " + hostOf(url) + ").");
            case TIMEOUT -> url.isInProcess()
                    ? Diagnosis.of(kind.code(),
                            "No answer from the embedded database " + address + " within the deadline: it runs"
                                    + " inside this JVM, so the JVM itself is stalled (long GC pauses, starved CPU,"
                                    + " class loading at startup) or a lock in the database blocks the probe",
                            "Look at this JVM: the 'memory' check (heap after GC, GC overhead) and the 'cpu' check;"
                                    + " a thread dump (jcmd <pid> Thread.print) shows who holds the database's locks.")
                    : Diagnosis.of(kind.code(),
                            "No answer from " + address + " within the deadline: packets are dropped (firewall,"
                                    + " security group, network policy) or the server is overloaded",
                            "Test the path from this host (nc -vz " + hostOf(url) + " " + portOf(url) + "); if it"
                                    + " connects, look for load or locks on the server.");
            case AUTHENTICATION_FAILED -> Diagnosis.of(kind.code(),
                    "The database at " + address + " rejected this application's credentials"
                            + (message.contains("pg_hba") ? " (no pg_hba.conf entry admits this client)" : ""),
                    "Check that the user name and password given to the application (DATABASE_USER /"
                            + " DATABASE_PASSWORD or the secret they come from) match the server's; a rotated"
                            + " password needs every instance restarted.");
            case UNKNOWN_DATABASE -> Diagnosis.of(kind.code(),
                    "The database " + database + " does not exist on " + address,
                    "Create it, or fix the database name in the URL (psql -l lists the databases).");
            case UNKNOWN_ROLE -> Diagnosis.of(kind.code(),
                    "The role (user) the application connects as does not exist on " + address,
                    "Create the role or fix the user name in the configuration.");
            case TOO_MANY_CONNECTIONS -> Diagnosis.of(kind.code(), tooManyCause(message, address),
                    "Compare SELECT count(*) FROM pg_stat_activity with max_connections: lower the pools'"
                            + " maximum size across all instances, put a pooler (PgBouncer) in front, or raise the"
                            + " limit (a restart is needed for max_connections).");
            case SERVER_STARTING -> (message.toLowerCase(Locale.ROOT).contains("shutting down"))
                    ? Diagnosis.of(JdbcFailure.SERVER_SHUTTING_DOWN.code(),
                            "The database at " + address + " is shutting down",
                            "Wait for the restart or failover to finish; if it does not come back, check the"
                                    + " server's log.")
                    : Diagnosis.of(kind.code(),
                            "The database at " + address + " is starting up or recovering and does not accept"
                                    + " connections yet",
                            "Wait: this passes once recovery ends. If it lasts, check the server's log for a long"
                                    + " WAL replay.");
            case SERVER_SHUTTING_DOWN -> Diagnosis.of(kind.code(),
                    "The database at " + address + " ended the session: it is shutting down or an administrator"
                            + " terminated the connection",
                    "If the server restarts, the pool reconnects by itself; check the server's log for who"
                            + " stopped it.");
            case CONNECTION_LOST -> Diagnosis.of(kind.code(),
                    "An established connection to " + address + " broke",
                    "Look for a server restart, a failover, or an idle timeout in a proxy or firewall between"
                            + " here and the database; set the pool's maxLifetime below that timeout.");
            case TLS_FAILED -> Diagnosis.of(kind.code(),
                    "TLS with " + address + " failed: certificate, protocol or sslmode do not match",
                    "Check sslmode and the server certificate (openssl s_client -starttls postgres -connect "
                            + address + ").");
            case DRIVER_MISSING -> Diagnosis.of(kind.code(),
                    "No JDBC driver on the class path accepts " + url.redacted(),
                    "Add the database's JDBC driver dependency, and check the URL's prefix (jdbc:postgresql://...).");
            case VALIDATION_FAILED -> Diagnosis.of(kind.code(),
                    "A connection to " + address + " was obtained but did not pass validation",
                    "Run the validation query by hand; look for a server in recovery or a read-only failover.");
            case OTHER -> Diagnosis.of(kind.code(),
                    "The database at " + address + " failed: " + message,
                    "Read the error; run the same query with psql from this host to reproduce.");
        };
    }

    private static String tooManyCause(String message, String address) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("for role")) {
            return "The role's connection limit is reached on " + address + " (SQLSTATE 53300: " + message + ")";
        }
        if (lower.contains("for database")) {
            return "The database's connection limit is reached on " + address + " (SQLSTATE 53300: " + message + ")";
        }
        return "The server at " + address + " has no connection slot left (SQLSTATE 53300, max_connections reached)";
    }

    private static JdbcFailure fromSqlState(String state, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return switch (state) {
            case "28P01" -> JdbcFailure.AUTHENTICATION_FAILED;
            case "28000" -> (lower.contains("role") && lower.contains("does not exist")) ? JdbcFailure.UNKNOWN_ROLE
                    : JdbcFailure.AUTHENTICATION_FAILED;
            case "3D000" -> JdbcFailure.UNKNOWN_DATABASE;
            case "53300" -> JdbcFailure.TOO_MANY_CONNECTIONS;
            case "57P03" -> JdbcFailure.SERVER_STARTING;
            case "57P01", "57P02" -> JdbcFailure.SERVER_SHUTTING_DOWN;
            case "57014" -> JdbcFailure.TIMEOUT;
            default -> {
                if (state.startsWith("08")) {
                    if (lower.contains("no suitable driver")) {
                        yield JdbcFailure.DRIVER_MISSING;
                    }
                    yield JdbcFailure.CONNECTION_LOST;
                }
                yield null;
            }
        };
    }

    private static JdbcFailure fromType(Throwable failure) {
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            String lower = message(failure).toLowerCase(Locale.ROOT);
            return lower.contains("timed out") ? JdbcFailure.TIMEOUT : JdbcFailure.CONNECTION_REFUSED;
        }
        if (failure instanceof UnknownHostException) {
            return JdbcFailure.UNKNOWN_HOST;
        }
        if (failure instanceof SocketTimeoutException || failure instanceof SQLTimeoutException
                || failure instanceof java.util.concurrent.TimeoutException) {
            return JdbcFailure.TIMEOUT;
        }
        if (failure instanceof SSLException) {
            return JdbcFailure.TLS_FAILED;
        }
        if (failure instanceof ClassNotFoundException || failure instanceof NoClassDefFoundError) {
            return JdbcFailure.DRIVER_MISSING;
        }
        if (failure instanceof EOFException) {
            return JdbcFailure.CONNECTION_LOST;
        }
        if (failure instanceof SQLException && message(failure).toLowerCase(Locale.ROOT).contains("no suitable driver")) {
            return JdbcFailure.DRIVER_MISSING;
        }
        return null;
    }

    private static Throwable next(Throwable current) {
        Throwable cause = current.getCause();
        if (cause == null && current instanceof SQLException sql) {
            cause = sql.getNextException();
        }
        return (cause == current) ? null : cause;
    }

    private static String message(Throwable failure) {
        return (failure.getMessage() != null) ? failure.getMessage() : "";
    }

    private static String lastMessage(Throwable failure) {
        String message = "";
        for (Throwable current = failure; current != null; current = next(current)) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getMessage();
                if (current instanceof SQLException sql && sql.getSQLState() != null) {
                    break;
                }
            }
        }
        return dev.diagnostics.Redaction.redact(message.strip().replaceAll("\\s+", " "));
    }

    private static String hostOf(JdbcUrl url) {
        return (url.host() != null) ? url.host() : "<db-host>";
    }

    private static String portOf(JdbcUrl url) {
        String address = url.address();
        int colon = address.lastIndexOf(':');
        return (url.host() != null && colon > 0) ? address.substring(colon + 1) : "<port>";
    }
}

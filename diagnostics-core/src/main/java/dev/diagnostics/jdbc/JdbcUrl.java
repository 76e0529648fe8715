package dev.diagnostics.jdbc;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.diagnostics.Redaction;

/**
 * The parts of a JDBC URL a diagnosis needs: the URL with any password removed, and the host, port and database
 * where the URL names them (best effort; {@code jdbc:h2:mem:x} has no host). Immutable; {@link #toString()} is the
 * redacted URL.
 */
public final class JdbcUrl {

    private static final Pattern HOST_PORT_DATABASE = Pattern.compile(
            "^jdbc:([a-z0-9]+)(?::[a-z0-9]+)*://(?:[^@/]*@)?(\\[[^\\]]+\\]|[^:/?;,]+)(?::(\\d+))?(?:[/;]([^?;]*))?.*",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern SUBPROTOCOL = Pattern.compile("^jdbc:([a-z0-9]+).*", Pattern.CASE_INSENSITIVE);

    /** Subprotocols of databases that can run inside the application's JVM. */
    private static final java.util.Set<String> IN_PROCESS = java.util.Set.of("h2", "hsqldb", "derby", "sqlite");

    private final String redacted;

    private final String subprotocol;

    private final String host;

    private final Integer port;

    private final String database;

    private JdbcUrl(String redacted, String subprotocol, String host, Integer port, String database) {
        this.redacted = redacted;
        this.subprotocol = subprotocol;
        this.host = host;
        this.port = port;
        this.database = database;
    }

    /**
     * Parses a URL. Never fails: parts that cannot be found are {@code null}.
     *
     * @param url a JDBC URL, possibly with a password in it
     */
    public static JdbcUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        String redacted = Redaction.redact(url);
        Matcher full = HOST_PORT_DATABASE.matcher(url);
        if (full.matches()) {
            String database = full.group(4);
            return new JdbcUrl(redacted, full.group(1).toLowerCase(java.util.Locale.ROOT), full.group(2),
                    (full.group(3) != null) ? Integer.valueOf(full.group(3)) : null,
                    (database != null && !database.isEmpty()) ? database : null);
        }
        Matcher sub = SUBPROTOCOL.matcher(url);
        return new JdbcUrl(redacted, sub.matches() ? sub.group(1).toLowerCase(java.util.Locale.ROOT) : null, null,
                null, null);
    }

    /** The URL with any password masked. */
    public String redacted() {
        return this.redacted;
    }

    /** For example {@code postgresql}, {@code h2}; {@code null} when the URL is not a JDBC URL. */
    public String subprotocol() {
        return this.subprotocol;
    }

    public String host() {
        return this.host;
    }

    public Integer port() {
        return this.port;
    }

    public String database() {
        return this.database;
    }

    /** Whether this is a PostgreSQL URL. */
    public boolean isPostgres() {
        return "postgresql".equals(this.subprotocol);
    }

    /**
     * Whether the database runs inside this JVM (H2, HSQLDB, Derby or SQLite without a server address, such as
     * {@code jdbc:h2:mem:orders}): then no network lies between the application and the database.
     */
    public boolean isInProcess() {
        return this.host == null && this.subprotocol != null
                && IN_PROCESS.contains(this.subprotocol) && !this.redacted.contains("//");
    }

    /** {@code host:port}, or the host alone, or the redacted URL when it names no host. */
    public String address() {
        if (this.host == null) {
            return this.redacted;
        }
        Integer effectivePort = (this.port != null) ? this.port : (isPostgres() ? Integer.valueOf(5432) : null);
        return (effectivePort != null) ? this.host + ":" + effectivePort : this.host;
    }

    @Override
    public String toString() {
        return this.redacted;
    }
}

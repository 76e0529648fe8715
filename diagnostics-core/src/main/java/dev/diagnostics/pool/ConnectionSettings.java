package dev.diagnostics.pool;

import java.util.Objects;
import java.util.Properties;

import dev.diagnostics.Redaction;

/**
 * The URL, user, password and driver properties a pool connects with. {@link #toString()} never shows the password
 * or a property that looks like one.
 *
 * @param url the JDBC URL
 * @param user the user, or {@code null}
 * @param password the password, or {@code null}
 * @param properties driver properties (not copied), or {@code null}
 * @param driverClassName the driver class, or {@code null}
 */
public record ConnectionSettings(String url, String user, String password, Properties properties,
        String driverClassName) {

    public ConnectionSettings {
        Objects.requireNonNull(url, "url");
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + Redaction.redact(this.url) + ", user=" + this.user + "]";
    }
}

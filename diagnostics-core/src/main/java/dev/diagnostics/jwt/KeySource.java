package dev.diagnostics.jwt;

import java.util.Objects;

/**
 * Where the JWT key comes from, for messages: never the key, only its place.
 *
 * @param setting the property or variable that holds the key, such as {@code app.jwt.secret} or {@code JWT_SECRET};
 * named by startup errors
 * @param description how results name it: {@code property 'app.jwt.secret'}
 */
public record KeySource(String setting, String description) {

    public KeySource {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(description, "description");
    }

    public static KeySource property(String name) {
        return new KeySource(name, "property '" + name + "'");
    }

    public static KeySource environmentVariable(String name) {
        return new KeySource(name, "environment variable " + name);
    }

    /** A key given in code, such as an application bean. */
    public static KeySource bean(String description) {
        return new KeySource(description, description);
    }
}

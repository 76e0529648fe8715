package dev.diagnostics.samples.quarkus;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the sample a random signing secret ({@code app.jwt.secret}, Base64) when none is configured, so it starts
 * anywhere with a strong key: this source has the lowest priority, so {@code APP_JWT_SECRET} or a property wins. Each
 * start gets another secret: tokens do not survive a restart, and two instances started this way disagree, which is
 * what the {@code jwt} check reports. A real service takes its key from a secret store.
 */
public class EphemeralJwtSecret implements ConfigSource {

    static final String PROPERTY = "app.jwt.secret";

    /** One per JVM, however often Quarkus instantiates the source. */
    private static final String SECRET = random();

    private static String random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, SECRET);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? SECRET : null;
    }

    @Override
    public String getName() {
        return "sample-ephemeral-jwt-secret";
    }

    /** Below every other source (system properties 400, environment 300, application.properties 250). */
    @Override
    public int getOrdinal() {
        return 1;
    }
}

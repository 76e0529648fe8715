package dev.diagnostics.sample.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the sample a random signing secret when none is configured ({@code APP_JWT_SECRET}, Base64), so it starts
 * anywhere with a strong key. Each start gets another one: tokens do not survive a restart, and two instances
 * started this way disagree, which is what the 'jwt' check reports. A real service takes its key from a secret store.
 */
public class EphemeralJwtSecret implements EnvironmentPostProcessor {

    static final String PROPERTY = "app.jwt.secret";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            environment.getPropertySources().addLast(new MapPropertySource("sample-ephemeral-jwt-secret",
                    Map.of(PROPERTY, Base64.getEncoder().encodeToString(secret))));
        }
    }
}

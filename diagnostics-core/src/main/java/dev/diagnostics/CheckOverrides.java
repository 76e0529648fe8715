package dev.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings a user gives for one check by name in configuration (for example {@code diagnostics.checks.db.timeout}),
 * each optional: a {@code null} keeps what the check's own registration says. The framework starters bind
 * properties into this and {@linkplain #applyTo(CheckRegistration, String) apply} it, so both frameworks get the
 * same rules and the same error messages.
 *
 * @param enabled whether the check is registered at all ({@code null}: yes)
 * @param groups replaces the check's groups
 * @param critical whether a failure makes the whole report DOWN rather than DEGRADED
 * @param timeout the check's timeout
 * @param cacheTtl how long a result is reused
 * @param failureThreshold consecutive failures before DOWN
 * @param successThreshold consecutive successes before healthy again
 */
public record CheckOverrides(Boolean enabled, List<String> groups, Boolean critical, Duration timeout,
        Duration cacheTtl, Integer failureThreshold, Integer successThreshold) {

    /** No overrides. */
    public static final CheckOverrides NONE = new CheckOverrides(null, null, null, null, null, null, null);

    /** Whether the check should be registered. */
    public boolean isEnabled() {
        return this.enabled == null || this.enabled;
    }

    /**
     * Applies the overrides. A rejected value raises an {@link InvalidConfigurationException} naming
     * {@code propertyPrefix + "." + field}, for example {@code diagnostics.checks.db.timeout}.
     *
     * @param registration the check's own registration
     * @param propertyPrefix where these settings live, for error messages
     * @return the registration with the overrides applied
     */
    public CheckRegistration applyTo(CheckRegistration registration, String propertyPrefix) {
        Objects.requireNonNull(registration, "registration");
        CheckRegistration.Builder builder = registration.toBuilder().propertyPrefix(propertyPrefix);
        if (this.groups != null) {
            builder.replaceGroups(this.groups);
        }
        if (this.critical != null) {
            builder.critical(this.critical);
        }
        if (this.timeout != null) {
            builder.timeout(this.timeout);
        }
        if (this.cacheTtl != null) {
            builder.cacheTtl(this.cacheTtl);
        }
        if (this.failureThreshold != null) {
            builder.failureThreshold(this.failureThreshold);
        }
        if (this.successThreshold != null) {
            builder.successThreshold(this.successThreshold);
        }
        return builder.build();
    }
}

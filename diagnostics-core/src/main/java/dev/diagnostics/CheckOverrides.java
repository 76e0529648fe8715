package dev.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
     * Applies configured overrides to registrations, the way both framework starters do: a key matches a check by
     * exact name, else ignoring case and punctuation (so {@code DIAGNOSTICS_CHECKS_INVENTORYFEED_TIMEOUT} and
     * {@code diagnostics.checks.inventory-feed.timeout} both reach the check {@code inventoryFeed}); disabled checks
     * are dropped.
     *
     * @param registrations the checks' own registrations
     * @param overridesByKey overrides by configured key
     * @param propertyPrefix where the keys live, for example {@code diagnostics.checks}
     * @return the registrations to give the engine, in the same order
     * @throws InvalidConfigurationException naming the property when a key matches no check (a typo would otherwise
     *         be silently ignored), when two keys match the same check, or when a value is invalid
     */
    public static List<CheckRegistration> applyAll(List<CheckRegistration> registrations,
            Map<String, CheckOverrides> overridesByKey, String propertyPrefix) {
        Set<String> names = new LinkedHashSet<>();
        registrations.forEach((registration) -> names.add(registration.name()));
        Map<String, String> keyByName = new LinkedHashMap<>();
        for (String key : overridesByKey.keySet()) {
            String name = names.contains(key) ? key : null;
            for (String candidate : names) {
                if (name == null && uniform(candidate).equals(uniform(key))) {
                    name = candidate;
                }
            }
            if (name == null) {
                throw new InvalidConfigurationException(property(propertyPrefix, key),
                        "no health check is named '" + key + "'; the registered checks are " + names);
            }
            String previous = keyByName.putIfAbsent(name, key);
            if (previous != null) {
                throw new InvalidConfigurationException(property(propertyPrefix, key), "configures the same check '"
                        + name + "' as " + property(propertyPrefix, previous) + "; keep one of them");
            }
        }
        List<CheckRegistration> applied = new ArrayList<>(registrations.size());
        for (CheckRegistration registration : registrations) {
            String key = keyByName.get(registration.name());
            CheckOverrides overrides = (key != null) ? overridesByKey.get(key) : NONE;
            if (overrides.isEnabled()) {
                applied.add((key != null) ? overrides.applyTo(registration, property(propertyPrefix, key))
                        : registration);
            }
        }
        return applied;
    }

    /** {@code prefix.key}, with the key quoted when it holds a dot, as such a map key is written. */
    private static String property(String prefix, String key) {
        return prefix + "." + ((key.indexOf('.') >= 0) ? "\"" + key + "\"" : key);
    }

    private static String uniform(String name) {
        StringBuilder uniform = new StringBuilder(name.length());
        name.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase)
                .forEach(uniform::appendCodePoint);
        return uniform.toString().toLowerCase(Locale.ROOT);
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

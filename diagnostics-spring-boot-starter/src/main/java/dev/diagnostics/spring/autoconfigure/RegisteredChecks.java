package dev.diagnostics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.diagnostics.CheckOverrides;
import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.system.DeadlockCheck;

/**
 * Turns what the application context holds into the engine's registrations: the built-in deadlock check, every
 * {@link CheckRegistration} bean, and every {@link HealthCheck} bean not already inside one (named after its bean,
 * without a trailing "HealthCheck" or "Check", the way Actuator drops "HealthIndicator"); then applies
 * {@code diagnostics.checks.<name>.*}.
 */
final class RegisteredChecks {

    static final String CHECKS_PREFIX = "diagnostics.checks";

    private static final List<String> BEAN_NAME_SUFFIXES = List.of("healthcheck", "check");

    private RegisteredChecks() {
    }

    /**
     * The registrations, in the order: deadlock check, {@link CheckRegistration} beans, {@link HealthCheck} beans.
     *
     * @throws InvalidConfigurationException naming the property when an override is invalid or names no check
     */
    static List<CheckRegistration> collect(DiagnosticsProperties properties, Map<String, HealthCheck> checkBeans,
            Collection<CheckRegistration> registrationBeans) {
        List<CheckRegistration> candidates = new ArrayList<>();
        if (properties.getDeadlocks().isEnabled()) {
            candidates.add(DeadlockCheck.registration().build());
        }
        candidates.addAll(registrationBeans);
        Set<HealthCheck> alreadyRegistered = Collections.newSetFromMap(new IdentityHashMap<>());
        registrationBeans.forEach((registration) -> alreadyRegistered.add(registration.check()));
        checkBeans.forEach((beanName, check) -> {
            if (!alreadyRegistered.contains(check)) {
                candidates.add(registrationOf(beanName, check));
            }
        });
        Set<String> names = new LinkedHashSet<>();
        names.add(DeadlockCheck.NAME);
        candidates.forEach((registration) -> names.add(registration.name()));
        Map<String, String> overrideKeys = overrideKeysByCheckName(properties.getChecks().keySet(), names);
        List<CheckRegistration> registrations = new ArrayList<>(candidates.size());
        for (CheckRegistration candidate : candidates) {
            String key = overrideKeys.get(candidate.name());
            if (key == null) {
                registrations.add(candidate);
                continue;
            }
            CheckOverrides overrides = properties.getChecks().get(key).toOverrides();
            if (overrides.isEnabled()) {
                registrations.add(overrides.applyTo(candidate, CHECKS_PREFIX + "." + key));
            }
        }
        return registrations;
    }

    /** The check name for a {@link HealthCheck} bean: {@code inventoryFeedCheck} gives {@code inventoryFeed}. */
    static String checkName(String beanName) {
        String lowerCase = beanName.toLowerCase(Locale.ROOT);
        for (String suffix : BEAN_NAME_SUFFIXES) {
            if (lowerCase.endsWith(suffix) && beanName.length() > suffix.length()) {
                return beanName.substring(0, beanName.length() - suffix.length());
            }
        }
        return beanName;
    }

    private static CheckRegistration registrationOf(String beanName, HealthCheck check) {
        String name = checkName(beanName);
        try {
            return CheckRegistration.builder(name, check).build();
        }
        catch (InvalidConfigurationException ex) {
            throw new IllegalStateException("HealthCheck bean '" + beanName + "' gives the check name '" + name
                    + "', which is not valid (" + ex.getMessage() + "); rename the bean or define a CheckRegistration"
                    + " bean with a valid name instead", ex);
        }
    }

    /**
     * Matches each configured key to a check: by exact name, else ignoring case and punctuation, since
     * {@code DIAGNOSTICS_CHECKS_INVENTORYFEED_TIMEOUT} and {@code diagnostics.checks.inventory-feed.timeout} both mean
     * the check {@code inventoryFeed}.
     */
    private static Map<String, String> overrideKeysByCheckName(Set<String> keys, Set<String> names) {
        Map<String, String> keysByName = new LinkedHashMap<>();
        for (String key : keys) {
            String name = names.contains(key) ? key : null;
            if (name == null) {
                for (String candidate : names) {
                    if (uniform(candidate).equals(uniform(key))) {
                        name = candidate;
                        break;
                    }
                }
            }
            if (name == null) {
                throw new InvalidConfigurationException(CHECKS_PREFIX + "." + key,
                        "no health check is named '" + key + "'; the registered checks are " + names);
            }
            String previous = keysByName.putIfAbsent(name, key);
            if (previous != null) {
                throw new InvalidConfigurationException(CHECKS_PREFIX + "." + key, "configures the same check '" + name
                        + "' as " + CHECKS_PREFIX + "." + previous + "; keep one of them");
            }
        }
        return keysByName;
    }

    private static String uniform(String name) {
        StringBuilder uniform = new StringBuilder(name.length());
        name.codePoints()
                .filter(Character::isLetterOrDigit)
                .map(Character::toLowerCase)
                .forEach(uniform::appendCodePoint);
        return uniform.toString();
    }
}

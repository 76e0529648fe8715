package dev.diagnostics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.diagnostics.CheckOverrides;
import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.system.DeadlockCheck;

/**
 * Turns what the application context holds into the engine's registrations: the built-in deadlock check, the given
 * registrations (the database checks and every {@link CheckRegistration} bean), and every {@link HealthCheck} bean not
 * already inside one (named after its bean, without a trailing "HealthCheck" or "Check", the way Actuator drops
 * "HealthIndicator"); then applies {@code diagnostics.checks.<name>.*}.
 */
final class RegisteredChecks {

    static final String CHECKS_PREFIX = "diagnostics.checks";

    private RegisteredChecks() {
    }

    /**
     * The registrations, in the order: deadlock check, the given registrations, {@link HealthCheck} beans.
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
        Map<String, CheckOverrides> overrides = new LinkedHashMap<>();
        properties.getChecks().forEach((key, check) -> overrides.put(key, check.toOverrides()));
        return CheckOverrides.applyAll(candidates, overrides, CHECKS_PREFIX);
    }

    private static CheckRegistration registrationOf(String beanName, HealthCheck check) {
        String name = CheckRegistration.nameFor(beanName);
        try {
            return CheckRegistration.builder(name, check).build();
        }
        catch (InvalidConfigurationException ex) {
            throw new IllegalStateException("HealthCheck bean '" + beanName + "' gives the check name '" + name
                    + "', which is not valid (" + ex.getMessage() + "); rename the bean or define a CheckRegistration"
                    + " bean with a valid name instead", ex);
        }
    }

}

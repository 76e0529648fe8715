package dev.diagnostics.spring.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.util.function.SingletonSupplier;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;

/**
 * Makes Actuator's health groups match the engine's: a check in the engine's liveness group is a member of
 * Actuator's {@code liveness} group (and so of {@code /actuator/health/liveness}), likewise for readiness, startup
 * and custom groups that exist on both sides; and every group, the root one included, ranks DEGRADED between DOWN
 * and UP through {@link DegradedStatusAggregator}.
 *
 * <p>Membership is added to what Actuator's own configuration says, never removed; to move a check, set
 * {@code diagnostics.checks.<name>.groups}. Actuator's probe groups exist by default (they show the status only);
 * groups the application configures under {@code management.endpoint.health.group.*} also show components when
 * their show-components or show-details allows.
 *
 * <p>Runs after Spring Boot's availability probes post-processor (the auto-configuration is ordered after it), so
 * the probe groups it adds are covered too.
 */
public final class CheckGroupsPostProcessor implements HealthEndpointGroupsPostProcessor {

    private final Supplier<HealthEngine> engine;

    private final Supplier<Map<String, Set<String>>> membersByGroup;

    /** The engine checks each group shows (Actuator's membership and the engine's), by group; computed once each. */
    private final Map<HealthEndpointGroup, Set<String>> checksShownByGroup = new ConcurrentHashMap<>();

    /**
     * @param engine supplies the engine when a group is first asked for its members, which is after the application
     *        context has started
     */
    public CheckGroupsPostProcessor(Supplier<HealthEngine> engine) {
        this.engine = SingletonSupplier.of(Objects.requireNonNull(engine, "engine"));
        this.membersByGroup = SingletonSupplier.of(() -> membersByGroup(this.engine.get().registrations()));
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        if (groups instanceof CheckMembershipHealthEndpointGroups) {
            return groups;
        }
        return new CheckMembershipHealthEndpointGroups(groups, this::members, this::startRound);
    }

    /**
     * Starts the engine checks the group shows as one round, so Actuator reading them one by one joins it; a probe
     * group then runs only its own members. Never fails the response: a problem here only loses that benefit.
     */
    private void startRound(HealthEndpointGroup group) {
        try {
            HealthEngine engine = this.engine.get();
            Set<String> shown = this.checksShownByGroup.computeIfAbsent(group, (key) -> {
                Set<String> names = new LinkedHashSet<>();
                engine.registrations().forEach((registration) -> {
                    if (key.isMember(registration.name())) {
                        names.add(registration.name());
                    }
                });
                return Collections.unmodifiableSet(names);
            });
            if (!shown.isEmpty()) {
                engine.evaluateChecksAsync(shown);
            }
        }
        catch (RuntimeException ex) {
            // Each component still asks the engine itself, which then starts a round of every check.
        }
    }

    private Set<String> members(String group) {
        return this.membersByGroup.get().getOrDefault(group, Set.of());
    }

    private static Map<String, Set<String>> membersByGroup(List<CheckRegistration> registrations) {
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (CheckRegistration registration : registrations) {
            for (String group : registration.groups()) {
                members.computeIfAbsent(group, (name) -> new LinkedHashSet<>()).add(registration.name());
            }
        }
        members.replaceAll((group, names) -> Collections.unmodifiableSet(names));
        return Collections.unmodifiableMap(members);
    }
}

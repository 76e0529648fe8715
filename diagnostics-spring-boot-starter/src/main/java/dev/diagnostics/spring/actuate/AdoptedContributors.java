package dev.diagnostics.spring.actuate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.foreign.ForeignCheck;

/**
 * The application's own Actuator health contributors, blocking and reactive (Spring Boot's built-in ones, those of
 * other libraries and the application's), adopted by the engine: each {@link HealthIndicator} (or
 * {@code ReactiveHealthIndicator}) becomes an engine check run by a {@link ForeignCheck}, named as Actuator names
 * its component; a composite's members are named {@code parent/member}, as Actuator's groups name them.
 *
 * <p>Names come from the bean names through the application's {@code HealthContributorNameGenerator} (by default
 * without a trailing {@code HealthIndicator} or {@code HealthContributor}), exactly as Actuator builds its registry.
 * Adopted checks are critical, in no engine group (Actuator's own groups decide where they are shown) and take the
 * engine's default timeout and cache TTL; {@code diagnostics.checks.<name>.*} changes any of that by component name.
 *
 * <p>Then {@link #replaceIn(HealthContributorRegistry, HealthEngine)} puts an engine-backed indicator in each adopted
 * contributor's place in Actuator's registry (a composite is rebuilt with engine-backed members), so a whole
 * response runs every contributor in parallel within one budget. Left alone: contributors the application excludes
 * by name, contributors whose engine check is disabled, our own indicators, contributors whose name is not a valid
 * check name (logged), and contributors registered in the registry by code rather than as beans. A composite's
 * members are read once, at startup.
 */
public final class AdoptedContributors {

    private static final Log logger = LogFactory.getLog(AdoptedContributors.class);

    private static final Status DEGRADED = CheckHealthIndicator.DEGRADED;

    private final Map<String, Node> blocking;

    private final Map<String, Node> reactive;

    private final List<CheckRegistration> registrations;

    private AdoptedContributors(Map<String, Node> blocking, Map<String, Node> reactive,
            List<CheckRegistration> registrations) {
        this.blocking = blocking;
        this.reactive = reactive;
        this.registrations = registrations;
    }

    /**
     * Adopts the given contributor beans.
     *
     * @param blockingBeans the {@link HealthContributor} beans by bean name
     * @param reactiveBeans the {@link ReactiveHealthContributor} beans by bean name (empty without Reactor)
     * @param names how Actuator names a component after its bean
     * @param excluded component names (or {@code parent/member} paths) to leave to Actuator
     * @param aggregator the application's status order: a custom status it ranks above UP is a failure to the engine
     */
    public static AdoptedContributors of(Map<String, HealthContributor> blockingBeans,
            Map<String, ReactiveHealthContributor> reactiveBeans, HealthContributorNameGenerator names,
            Collection<String> excluded, StatusAggregator aggregator) {
        Adoption adoption = new Adoption(Set.copyOf(excluded), aggregator);
        Map<String, Node> blocking = new LinkedHashMap<>();
        blockingBeans.forEach((beanName, contributor) -> {
            String name = names.generateContributorName(beanName);
            Node node = adoption.blocking(name, contributor);
            if (node != null) {
                blocking.put(name, node);
            }
        });
        Map<String, Node> reactive = new LinkedHashMap<>();
        if (!reactiveBeans.isEmpty()) {
            reactiveBeans.forEach((beanName, contributor) -> {
                String name = names.generateContributorName(beanName);
                Node node = ReactiveContributors.adopt(adoption, name, contributor);
                if (node != null) {
                    reactive.put(name, node);
                }
            });
        }
        return new AdoptedContributors(Collections.unmodifiableMap(blocking), Collections.unmodifiableMap(reactive),
                List.copyOf(adoption.registrations));
    }

    /** The engine checks that run the adopted contributors, in bean order. */
    public List<CheckRegistration> registrations() {
        return this.registrations;
    }

    /** The top-level component names adopted, blocking and reactive. */
    public Set<String> componentNames() {
        Set<String> names = new java.util.LinkedHashSet<>(this.blocking.keySet());
        names.addAll(this.reactive.keySet());
        return Collections.unmodifiableSet(names);
    }

    /**
     * Puts an engine-backed indicator in the place of each adopted contributor the registry holds, for each one the
     * engine has a check for.
     */
    public void replaceIn(HealthContributorRegistry registry, HealthEngine engine) {
        Set<String> checks = checkNames(engine);
        this.blocking.forEach((name, node) -> {
            if (registry.getContributor(name) != node.original()) {
                return;
            }
            HealthContributor replacement = blockingReplacement(node, engine, checks);
            if (replacement != node.original()) {
                registry.unregisterContributor(name);
                registry.registerContributor(name, replacement);
            }
        });
    }

    /** Like {@link #replaceIn(HealthContributorRegistry, HealthEngine)} for the reactive registry. */
    public void replaceIn(ReactiveHealthContributorRegistry registry, HealthEngine engine) {
        if (!this.reactive.isEmpty()) {
            ReactiveContributors.replaceIn(registry, this.reactive, engine, checkNames(engine));
        }
    }

    private static Set<String> checkNames(HealthEngine engine) {
        Set<String> names = new java.util.HashSet<>();
        engine.registrations().forEach((registration) -> names.add(registration.name()));
        return names;
    }

    private static HealthContributor blockingReplacement(Node node, HealthEngine engine, Set<String> checks) {
        if (node.children() == null) {
            return checks.contains(node.name()) ? new AdoptedHealthIndicator(engine, node.name())
                    : (HealthContributor) node.original();
        }
        Map<String, HealthContributor> members = new LinkedHashMap<>();
        boolean replaced = false;
        for (Map.Entry<String, Node> child : node.children().entrySet()) {
            HealthContributor member = blockingReplacement(child.getValue(), engine, checks);
            replaced |= member != child.getValue().original();
            members.put(child.getKey(), member);
        }
        return replaced ? CompositeHealthContributor.fromMap(members) : (HealthContributor) node.original();
    }

    /** What the engine makes of a status code a contributor returned. */
    static dev.diagnostics.Status engineStatus(Status status, StatusAggregator aggregator) {
        if (Status.UP.equals(status)) {
            return dev.diagnostics.Status.UP;
        }
        if (Status.UNKNOWN.equals(status)) {
            return dev.diagnostics.Status.UNKNOWN;
        }
        if (DEGRADED.equals(status)) {
            return dev.diagnostics.Status.DEGRADED;
        }
        if (Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)) {
            return dev.diagnostics.Status.DOWN;
        }
        // A custom status: a failure when the application ranks it above UP, as Actuator's aggregation would.
        return status.equals(aggregator.getAggregateStatus(status, Status.UP)) ? dev.diagnostics.Status.DOWN
                : dev.diagnostics.Status.UP;
    }

    /**
     * An adopted contributor: a leaf (children {@code null}) run by the engine check of the same name, or a
     * composite.
     */
    record Node(String name, Object original, Map<String, Node> children) {
    }

    /** Collects registrations while the contributors are walked. */
    static final class Adoption {

        private final Set<String> excluded;

        private final StatusAggregator aggregator;

        private final List<CheckRegistration> registrations = new ArrayList<>();

        Adoption(Set<String> excluded, StatusAggregator aggregator) {
            this.excluded = excluded;
            this.aggregator = aggregator;
        }

        StatusAggregator aggregator() {
            return this.aggregator;
        }

        /** Whether the application excludes this component, or it is one of ours already. */
        boolean leftAlone(String name, Object contributor) {
            return this.excluded.contains(name) || contributor instanceof CheckHealthIndicator
                    || contributor instanceof AdoptedHealthIndicator;
        }

        Node blocking(String name, HealthContributor contributor) {
            if (leftAlone(name, contributor)) {
                return null;
            }
            if (contributor instanceof HealthContributors composite) {
                Map<String, Node> children = new LinkedHashMap<>();
                composite.stream().forEach((entry) -> {
                    Node child = blocking(name + "/" + entry.name(), entry.contributor());
                    children.put(entry.name(), (child != null) ? child
                            : new Node(name + "/" + entry.name(), entry.contributor(), null));
                });
                return new Node(name, contributor, Collections.unmodifiableMap(children));
            }
            if (contributor instanceof HealthIndicator indicator) {
                return leaf(name, indicator, () -> {
                    org.springframework.boot.health.contributor.Health health = indicator.health(true);
                    return (health != null) ? new ForeignCheck.Observation(
                            engineStatus(health.getStatus(), this.aggregator), health.getStatus().getCode(), health)
                            : null;
                });
            }
            return null;
        }

        /** A leaf with its engine check, or {@code null} (logged) when its name cannot be a check name. */
        Node leaf(String name, Object contributor, ForeignCheck.Probe probe) {
            String description = "Spring Boot health contributor '" + name + "' ("
                    + contributor.getClass().getSimpleName() + ")";
            try {
                this.registrations.add(CheckRegistration.builder(name, ForeignCheck.of(description, probe)).build());
            }
            catch (InvalidConfigurationException ex) {
                logger.warn("Health contributor '" + name + "' is left to Actuator, not run by the diagnostics engine:"
                        + " " + ex.getMessage());
                return null;
            }
            return new Node(name, contributor, null);
        }
    }
}

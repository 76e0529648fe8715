package dev.diagnostics.spring.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.foreign.ForeignCheck;
import dev.diagnostics.spring.actuate.AdoptedContributors.Adoption;
import dev.diagnostics.spring.actuate.AdoptedContributors.Node;

/**
 * The reactive half of {@link AdoptedContributors}, in a class of its own so an application without Reactor never
 * loads it. The engine subscribes to a reactive indicator on its own thread and waits for it; at the check's
 * timeout the wait is interrupted, which cancels the subscription.
 */
final class ReactiveContributors {

    private ReactiveContributors() {
    }

    static Node adopt(Adoption adoption, String name, ReactiveHealthContributor contributor) {
        if (adoption.leftAlone(name, contributor) || contributor instanceof AdoptedReactiveHealthIndicator) {
            return null;
        }
        if (contributor instanceof ReactiveHealthContributors composite) {
            Map<String, Node> children = new LinkedHashMap<>();
            composite.stream().forEach((entry) -> {
                Node child = adopt(adoption, name + "/" + entry.name(), entry.contributor());
                children.put(entry.name(), (child != null) ? child
                        : new Node(name + "/" + entry.name(), entry.contributor(), null));
            });
            return new Node(name, contributor, Collections.unmodifiableMap(children));
        }
        if (contributor instanceof ReactiveHealthIndicator indicator) {
            return adoption.leaf(name, indicator, () -> {
                Health health = indicator.health(true).block();
                return (health != null) ? new ForeignCheck.Observation(
                        AdoptedContributors.engineStatus(health.getStatus(), adoption.aggregator()),
                        health.getStatus().getCode(), health) : null;
            });
        }
        return null;
    }

    static void replaceIn(ReactiveHealthContributorRegistry registry, Map<String, Node> adopted, HealthEngine engine,
            Set<String> checks) {
        adopted.forEach((name, node) -> {
            if (registry.getContributor(name) != node.original()) {
                return;
            }
            ReactiveHealthContributor replacement = replacement(node, engine, checks);
            if (replacement != node.original()) {
                registry.unregisterContributor(name);
                registry.registerContributor(name, replacement);
            }
        });
    }

    private static ReactiveHealthContributor replacement(Node node, HealthEngine engine, Set<String> checks) {
        if (node.children() == null) {
            return checks.contains(node.name()) ? new AdoptedReactiveHealthIndicator(engine, node.name())
                    : (ReactiveHealthContributor) node.original();
        }
        Map<String, ReactiveHealthContributor> members = new LinkedHashMap<>();
        boolean replaced = false;
        for (Map.Entry<String, Node> child : node.children().entrySet()) {
            ReactiveHealthContributor member = replacement(child.getValue(), engine, checks);
            replaced |= member != child.getValue().original();
            members.put(child.getKey(), member);
        }
        return replaced ? CompositeReactiveHealthContributor.fromMap(members)
                : (ReactiveHealthContributor) node.original();
    }
}

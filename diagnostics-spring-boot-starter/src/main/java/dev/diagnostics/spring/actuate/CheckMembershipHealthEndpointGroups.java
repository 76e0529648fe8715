package dev.diagnostics.spring.actuate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * Actuator's groups with the engine's members added and DEGRADED ranked; everything else (names, additional paths,
 * what each group shows to whom) is the delegate's.
 */
final class CheckMembershipHealthEndpointGroups implements HealthEndpointGroups, AdditionalPathsMapper {

    private final HealthEndpointGroups delegate;

    private final Function<String, Set<String>> members;

    private final HealthEndpointGroup primary;

    private final Map<String, HealthEndpointGroup> groups = new ConcurrentHashMap<>();

    private final Consumer<HealthEndpointGroup> responseStarting;

    /**
     * @param members the engine checks of each group, by group name
     * @param responseStarting called with a group when Actuator starts a response of it
     */
    CheckMembershipHealthEndpointGroups(HealthEndpointGroups delegate, Function<String, Set<String>> members,
            Consumer<HealthEndpointGroup> responseStarting) {
        this.delegate = delegate;
        this.members = members;
        this.responseStarting = responseStarting;
        // Every component is a member of the root group already.
        this.primary = new CheckMembershipHealthEndpointGroup(delegate.getPrimary(), Set::of, responseStarting);
    }

    @Override
    public HealthEndpointGroup getPrimary() {
        return this.primary;
    }

    @Override
    public Set<String> getNames() {
        return this.delegate.getNames();
    }

    @Override
    public @Nullable HealthEndpointGroup get(String name) {
        HealthEndpointGroup group = this.groups.get(name);
        if (group == null) {
            HealthEndpointGroup delegateGroup = this.delegate.get(name);
            if (delegateGroup == null) {
                return null;
            }
            group = this.groups.computeIfAbsent(name,
                    (key) -> new CheckMembershipHealthEndpointGroup(delegateGroup, () -> this.members.apply(key),
                            this.responseStarting));
        }
        return group;
    }

    @Override
    public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
        return (this.delegate instanceof AdditionalPathsMapper mapper)
                ? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
    }
}

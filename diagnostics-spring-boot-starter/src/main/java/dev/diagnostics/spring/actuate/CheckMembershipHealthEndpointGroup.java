package dev.diagnostics.spring.actuate;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * One Actuator group with the engine checks of the same group as members, and DEGRADED ranked.
 *
 * <p>Actuator asks a group whether to show components before it reads any of them, once per request: that is when
 * this group starts its members' checks as one engine round ({@code responseStarting}), so a liveness probe runs
 * only the liveness checks, in parallel, and not every check the application has.
 */
final class CheckMembershipHealthEndpointGroup implements HealthEndpointGroup {

    private final HealthEndpointGroup delegate;

    private final Supplier<Set<String>> checks;

    private final StatusAggregator statusAggregator;

    private final Consumer<HealthEndpointGroup> responseStarting;

    CheckMembershipHealthEndpointGroup(HealthEndpointGroup delegate, Supplier<Set<String>> checks,
            Consumer<HealthEndpointGroup> responseStarting) {
        this.delegate = delegate;
        this.checks = checks;
        this.statusAggregator = DegradedStatusAggregator.of(delegate.getStatusAggregator());
        this.responseStarting = responseStarting;
    }

    @Override
    public boolean isMember(String name) {
        return this.delegate.isMember(name) || this.checks.get().contains(name);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
        this.responseStarting.accept(this);
        return this.delegate.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
        return this.delegate.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
        return this.statusAggregator;
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
        return this.delegate.getHttpCodeStatusMapper();
    }

    @Override
    public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
        return this.delegate.getAdditionalPath();
    }
}

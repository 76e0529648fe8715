package dev.diagnostics.spring.actuate;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

/**
 * Lets a {@link StatusAggregator} that does not know {@link CheckHealthIndicator#DEGRADED} rank it between the
 * failing statuses and UP: {UP, DEGRADED} aggregate to DEGRADED, {DOWN, DEGRADED} to DOWN. Spring Boot's default
 * aggregator ignores status codes outside its order, which would report a degraded application as UP.
 *
 * <p>"Failing" means whatever the delegate ranks above UP (DOWN and OUT_OF_SERVICE by default, and any status the
 * application orders above UP). When the delegate already orders DEGRADED (the application set
 * {@code management.endpoint.health.status.order} with it), {@link #of(StatusAggregator)} leaves it alone.
 */
public final class DegradedStatusAggregator implements StatusAggregator {

    private final StatusAggregator delegate;

    private DegradedStatusAggregator(StatusAggregator delegate) {
        this.delegate = delegate;
    }

    /** The delegate itself when it already ranks DEGRADED, otherwise the delegate with DEGRADED ranked. */
    public static StatusAggregator of(StatusAggregator delegate) {
        Objects.requireNonNull(delegate, "delegate");
        if (delegate instanceof DegradedStatusAggregator || ordersDegraded(delegate)) {
            return delegate;
        }
        return new DegradedStatusAggregator(delegate);
    }

    @Override
    public Status getAggregateStatus(Set<Status> statuses) {
        if (!statuses.contains(CheckHealthIndicator.DEGRADED)) {
            return this.delegate.getAggregateStatus(statuses);
        }
        Set<Status> others = new LinkedHashSet<>(statuses);
        others.remove(CheckHealthIndicator.DEGRADED);
        Status othersAggregate = this.delegate.getAggregateStatus(others);
        return ranksAboveUp(othersAggregate) ? othersAggregate : CheckHealthIndicator.DEGRADED;
    }

    private boolean ranksAboveUp(Status status) {
        return !Status.UP.equals(status) && status.equals(this.delegate.getAggregateStatus(status, Status.UP));
    }

    private static boolean ordersDegraded(StatusAggregator aggregator) {
        return CheckHealthIndicator.DEGRADED.equals(aggregator.getAggregateStatus(CheckHealthIndicator.DEGRADED));
    }

    @Override
    public String toString() {
        return "DegradedStatusAggregator[" + this.delegate + "]";
    }
}

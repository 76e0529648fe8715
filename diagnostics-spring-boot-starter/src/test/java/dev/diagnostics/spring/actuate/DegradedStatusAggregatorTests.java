package dev.diagnostics.spring.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class DegradedStatusAggregatorTests {

    private static final Status DEGRADED = CheckHealthIndicator.DEGRADED;

    private final StatusAggregator aggregator = DegradedStatusAggregator.of(StatusAggregator.getDefault());

    @Test
    void springBootsDefaultAggregatorIgnoresDegraded() {
        assertThat(StatusAggregator.getDefault().getAggregateStatus(Status.UP, DEGRADED)).isEqualTo(Status.UP);
    }

    @Test
    void degradedOutranksUpAndUnknown() {
        assertThat(this.aggregator.getAggregateStatus(Status.UP, DEGRADED)).isEqualTo(DEGRADED);
        assertThat(this.aggregator.getAggregateStatus(Status.UNKNOWN, DEGRADED, Status.UP)).isEqualTo(DEGRADED);
        assertThat(this.aggregator.getAggregateStatus(DEGRADED)).isEqualTo(DEGRADED);
    }

    @Test
    void downAndOutOfServiceOutrankDegraded() {
        assertThat(this.aggregator.getAggregateStatus(Status.UP, DEGRADED, Status.DOWN)).isEqualTo(Status.DOWN);
        assertThat(this.aggregator.getAggregateStatus(DEGRADED, Status.OUT_OF_SERVICE))
                .isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void withoutDegradedTheDelegateDecides() {
        assertThat(this.aggregator.getAggregateStatus(Status.UP, Status.UNKNOWN)).isEqualTo(Status.UP);
        assertThat(this.aggregator.getAggregateStatus(Status.UP, Status.DOWN)).isEqualTo(Status.DOWN);
    }

    @Test
    void statusesTheApplicationOrdersAboveUpOutrankDegraded() {
        StatusAggregator custom = DegradedStatusAggregator.of(StatusAggregator.of("FATAL", "DOWN", "UP"));

        assertThat(custom.getAggregateStatus(new Status("FATAL"), DEGRADED, Status.UP)).isEqualTo(new Status("FATAL"));
        assertThat(custom.getAggregateStatus(DEGRADED, Status.UP)).isEqualTo(DEGRADED);
    }

    @Test
    void anOrderThatAlreadyRanksDegradedIsLeftAlone() {
        StatusAggregator ordered = StatusAggregator.of("DOWN", "UP", "DEGRADED");

        assertThat(DegradedStatusAggregator.of(ordered)).isSameAs(ordered);
        assertThat(DegradedStatusAggregator.of(ordered).getAggregateStatus(Status.UP, DEGRADED)).isEqualTo(Status.UP);
    }

    @Test
    void wrappingTwiceWrapsOnce() {
        assertThat(DegradedStatusAggregator.of(this.aggregator)).isSameAs(this.aggregator);
    }
}

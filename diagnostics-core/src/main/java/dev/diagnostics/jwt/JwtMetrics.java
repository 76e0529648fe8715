package dev.diagnostics.jwt;

import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.metrics.MeterNames;

/**
 * Exposes {@value MeterNames#JWT_FAILURES}: rejected tokens by {@code reason} (the {@link JwtFailureReason} tag),
 * one series per reason, so the cardinality is fixed.
 */
public final class JwtMetrics implements MeterBinder {

    private final JwtFailureCounts counts;

    public JwtMetrics(JwtFailureCounts counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JwtFailureReason reason : JwtFailureReason.values()) {
            FunctionCounter.builder(MeterNames.JWT_FAILURES, this.counts, (counts) -> counts.total(reason))
                    .tag("reason", reason.tag())
                    .description("Tokens rejected, by the reason the jwt check's classifier found")
                    .register(registry);
        }
    }
}

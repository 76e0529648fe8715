package dev.diagnostics.quarkus.runtime;

import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.CheckRegistration;

/**
 * The {@code redis} check and its meters, contributed by the lettuce integration when lettuce-core is present and the
 * application provides a lettuce client or connection bean. The engine registers the check beside the application's
 * own, so {@code quarkus.diagnostics.checks.redis.*} applies to it; an application check named {@code redis} takes its
 * place.
 */
public interface RedisChecks {

    /** The checks to register: none, or the one {@code redis} check. */
    List<CheckRegistration> registrations();

    /** The meters to bind when the application has a {@link io.micrometer.core.instrument.MeterRegistry}. */
    List<MeterBinder> meterBinders();
}

package dev.diagnostics.quarkus.runtime;

import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.CheckRegistration;

/**
 * The checks and meters of the application's datasources, contributed by a pool integration (the Agroal one when
 * quarkus-agroal is present). The engine registers the checks beside the application's own, so
 * {@code quarkus.diagnostics.checks."<name>".*} applies to them; an application check of the same name takes the
 * place of a datasource check.
 */
public interface DataSourceChecks {

    /** The checks to register, in a stable order. */
    List<CheckRegistration> registrations();

    /** The meters to bind when the application has a {@link io.micrometer.core.instrument.MeterRegistry}. */
    List<MeterBinder> meterBinders();
}

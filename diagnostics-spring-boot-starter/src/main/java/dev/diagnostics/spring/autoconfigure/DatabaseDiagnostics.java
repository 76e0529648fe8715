package dev.diagnostics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.jdbc.DataSourceDiagnostics;

/**
 * The {@link DataSourceDiagnostics} of every DataSource bean, by bean name: their checks join the health engine and
 * their pool meters the application's meter registry. Closing it stops every pool's exhaustion detector.
 *
 * <p>Built by {@link DataSourceDiagnosticsAutoConfiguration}; an application that defines its own
 * {@code HealthEngine} registers {@link #registrations()} itself.
 */
public final class DatabaseDiagnostics implements AutoCloseable {

    private final Map<String, DataSourceDiagnostics> byBeanName;

    DatabaseDiagnostics(Map<String, DataSourceDiagnostics> byBeanName) {
        this.byBeanName = Collections.unmodifiableMap(new LinkedHashMap<>(byBeanName));
    }

    /** Each DataSource bean's diagnostics, in bean registration order. */
    public Map<String, DataSourceDiagnostics> byBeanName() {
        return this.byBeanName;
    }

    /** Every DataSource's checks: {@code db}, then {@code pool} and {@code postgres} where they apply. */
    public List<CheckRegistration> registrations() {
        List<CheckRegistration> registrations = new ArrayList<>();
        this.byBeanName.values().forEach((diagnostics) -> registrations.addAll(diagnostics.registrations()));
        return registrations;
    }

    /** Every pool's meters. */
    public List<MeterBinder> meterBinders() {
        List<MeterBinder> binders = new ArrayList<>();
        this.byBeanName.values().forEach((diagnostics) -> binders.addAll(diagnostics.meterBinders()));
        return binders;
    }

    /** Stops every pool's exhaustion detector. */
    @Override
    public void close() {
        this.byBeanName.values().forEach(DataSourceDiagnostics::close);
    }

    @Override
    public String toString() {
        return "DatabaseDiagnostics" + this.byBeanName.keySet();
    }
}

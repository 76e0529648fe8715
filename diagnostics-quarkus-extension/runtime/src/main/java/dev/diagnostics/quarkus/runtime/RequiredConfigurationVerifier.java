package dev.diagnostics.quarkus.runtime;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import dev.diagnostics.system.RequiredConfiguration;
import io.quarkus.runtime.StartupEvent;

/**
 * Verifies {@code quarkus.diagnostics.config.required} at startup, before the application's own startup observers:
 * when any setting is missing, blank or a placeholder, startup fails with one
 * {@link dev.diagnostics.system.RequiredConfigurationException} listing all of them, never a value (Quarkus prints it
 * as the reason the application failed to start). {@code quarkus.diagnostics.config.fail-on-startup=false} turns this
 * off; the {@code config} check still reports.
 */
@Singleton
public class RequiredConfigurationVerifier {

    void verify(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            DiagnosticsConfig config) {
        RequiredConfiguration required = SystemChecks.requiredConfiguration(config.config());
        if (required != null && config.config().failOnStartup()) {
            required.verify(SystemChecks.lookup());
        }
    }
}

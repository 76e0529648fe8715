package dev.diagnostics.spring.autoconfigure;

import java.util.List;

import dev.diagnostics.CheckRegistration;

/**
 * The engine checks that run the application's own Actuator health contributors, for the engine to register; a
 * type of its own so the engine's configuration never loads an Actuator class.
 */
final class ContributorChecks {

    private final List<CheckRegistration> registrations;

    ContributorChecks(List<CheckRegistration> registrations) {
        this.registrations = List.copyOf(registrations);
    }

    List<CheckRegistration> registrations() {
        return this.registrations;
    }
}

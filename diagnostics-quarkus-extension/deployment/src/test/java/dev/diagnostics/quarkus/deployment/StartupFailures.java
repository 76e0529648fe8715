package dev.diagnostics.quarkus.deployment;

import dev.diagnostics.InvalidConfigurationException;

/** Finds the configuration error in the exception a failed Quarkus startup hands to the test. */
final class StartupFailures {

    private StartupFailures() {
    }

    /**
     * The {@link InvalidConfigurationException} among the failure and its causes. Compared by name: the application
     * ran in its own class loader, so the class may not be the one this test sees.
     */
    static Throwable invalidConfiguration(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current.getClass().getName().equals(InvalidConfigurationException.class.getName())) {
                return current;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        throw new AssertionError("Startup failed, but not with an InvalidConfigurationException", failure);
    }
}

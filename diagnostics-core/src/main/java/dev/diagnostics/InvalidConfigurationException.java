package dev.diagnostics;

/**
 * A configuration value was rejected. The message names the property (or builder field) and the value seen;
 * {@link #property()} gives the name alone. Values of secret settings are never included.
 */
public class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public InvalidConfigurationException(String property, String message) {
        super("Invalid configuration '" + property + "': " + message);
        this.property = property;
    }

    /** The rejected property or builder field, for example {@code diagnostics.health.budget}. */
    public String property() {
        return this.property;
    }
}

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

    /**
     * Checks a duration setting.
     *
     * @param property the property or field, for the message
     * @param value the value
     * @return the value, when positive
     * @throws InvalidConfigurationException when the value is {@code null}, zero or negative
     */
    public static java.time.Duration requirePositive(String property, java.time.Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(property, "must be positive, was " + value);
        }
        return value;
    }

    /** The rejected property or builder field, for example {@code diagnostics.health.budget}. */
    public String property() {
        return this.property;
    }
}

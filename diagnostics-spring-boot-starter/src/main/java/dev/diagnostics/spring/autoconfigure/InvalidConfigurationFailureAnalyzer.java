package dev.diagnostics.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Reports a rejected diagnostics setting at startup by the property that holds it, instead of a bean-creation stack
 * trace.
 */
final class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        String action = cause.property().startsWith("diagnostics.")
                ? "Correct '" + cause.property() + "' where it is set: application properties or YAML, an"
                        + " environment variable or a command-line argument."
                : "Correct the value in the code that registers the health check.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}

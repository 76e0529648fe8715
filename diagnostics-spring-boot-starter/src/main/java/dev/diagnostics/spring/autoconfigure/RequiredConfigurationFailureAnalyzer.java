package dev.diagnostics.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.diagnostics.system.RequiredConfigurationException;

/**
 * Reports required settings that are missing, blank or placeholders the way Spring Boot reports its own startup
 * failures: a description listing every setting (never a value) and the action to take.
 */
final class RequiredConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<RequiredConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RequiredConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), RequiredConfigurationVerifier.action(cause), cause);
    }
}

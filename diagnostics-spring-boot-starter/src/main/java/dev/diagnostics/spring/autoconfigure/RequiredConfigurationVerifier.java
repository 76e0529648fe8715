package dev.diagnostics.spring.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.diagnostics.system.RequiredConfiguration;
import dev.diagnostics.system.RequiredConfigurationException;

/**
 * Verifies {@code diagnostics.config.required} as soon as the environment is complete (after every config file,
 * profile and environment variable is read), before any bean is created: a missing secret then fails startup with one
 * message listing every unusable setting, not with the first bean that happens to need one. The failure is reported
 * by {@link RequiredConfigurationFailureAnalyzer}. Runs last among environment post-processors;
 * {@code diagnostics.config.fail-on-startup=false} turns it off (the 'config' check still reports).
 */
final class RequiredConfigurationVerifier implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        SystemDiagnosticsProperties.Config config = Binder.get(environment)
                .bind(SystemChecks.CONFIG_PREFIX, Bindable.of(SystemDiagnosticsProperties.Config.class))
                .orElseGet(SystemDiagnosticsProperties.Config::new);
        if (config.getRequired().isEmpty() || !config.isFailOnStartup()) {
            return;
        }
        RequiredConfiguration required = SystemChecks.requiredConfiguration(config);
        required.verify(environment::getProperty);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Named here so the failure analyzer's description reads like Spring Boot's own. */
    static String action(RequiredConfigurationException failure) {
        return failure.remedy() + " The names come from " + SystemChecks.CONFIG_PREFIX + ".required; set "
                + SystemChecks.CONFIG_PREFIX + ".fail-on-startup=false to start anyway and report them in the"
                + " 'config' health check.";
    }
}

package dev.diagnostics.spring.autoconfigure;

import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.spring.actuate.AdoptedContributors;
import dev.diagnostics.spring.actuate.AdoptedContributorsRegistrar;

/**
 * Runs the application's own Actuator health contributors through the one {@link HealthEngine}: each becomes an
 * engine check (see {@link AdoptedContributors}), and takes its place in Actuator's registries as an engine-backed
 * indicator, so {@code /actuator/health} evaluates every contributor in parallel, each with its timeout and the
 * whole within the budget; a hung contributor costs one engine thread, once. Off with
 * {@code diagnostics.health.contributors.enabled=false}; single contributors stay Actuator's with
 * {@code diagnostics.health.contributors.exclude}.
 */
@AutoConfiguration
@ConditionalOnClass({ HealthEngine.class, HealthContributorRegistry.class, HealthContributorNameGenerator.class,
        StatusAggregator.class })
@ConditionalOnBooleanProperty(name = "diagnostics.health.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "diagnostics.health.contributors.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HealthContributorsProperties.class)
public final class HealthContributorsAutoConfiguration {

    private static final String REACTOR = "reactor.core.publisher.Flux";

    HealthContributorsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    AdoptedContributors adoptedHealthContributors(ListableBeanFactory beans, HealthContributorsProperties properties,
            ObjectProvider<HealthContributorNameGenerator> names, ObjectProvider<StatusAggregator> aggregator) {
        // Looked up the way Actuator's registries are filled: every bean of the type, by bean name.
        Map<String, HealthContributor> blocking = beans.getBeansOfType(HealthContributor.class);
        Map<String, ReactiveHealthContributor> reactive = ClassUtils.isPresent(REACTOR, getClass().getClassLoader())
                ? beans.getBeansOfType(ReactiveHealthContributor.class) : Map.of();
        return AdoptedContributors.of(blocking, reactive,
                names.getIfAvailable(HealthContributorNameGenerator::withoutStandardSuffixes),
                properties.getExclude(), aggregator.getIfAvailable(SimpleStatusAggregator::new));
    }

    @Bean
    ContributorChecks diagnosticsContributorChecks(AdoptedContributors contributors) {
        return new ContributorChecks(contributors.registrations());
    }

    @Bean
    static AdoptedContributorsRegistrar adoptedContributorsRegistrar(ObjectProvider<HealthEngine> engine,
            ObjectProvider<AdoptedContributors> contributors) {
        return new AdoptedContributorsRegistrar(engine::getIfAvailable, contributors::getIfAvailable);
    }
}

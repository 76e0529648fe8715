package dev.diagnostics.spring.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnConfigured}. */
final class OnConfiguredCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnConfigured.class.getName());
        String[] prefixes = (String[]) attributes.get("value");
        for (String prefix : prefixes) {
            if (anyUnder(context, ConfigurationPropertyName.of(prefix))) {
                return ConditionOutcome.match("properties are set under " + prefix);
            }
        }
        return ConditionOutcome.noMatch("no property is set under " + String.join(", ", prefixes));
    }

    static boolean anyUnder(ConditionContext context, ConfigurationPropertyName prefix) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
            if (source instanceof IterableConfigurationPropertySource iterable
                    && iterable.stream().anyMatch((name) -> prefix.isAncestorOf(name) || prefix.equals(name))) {
                return true;
            }
        }
        return false;
    }
}

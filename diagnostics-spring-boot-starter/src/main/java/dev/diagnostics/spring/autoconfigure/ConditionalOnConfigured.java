package dev.diagnostics.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when at least one property is set under one of the prefixes (in any property source: properties, YAML,
 * environment variables, command line), for checks that exist only when the user configures what they check.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnConfiguredCondition.class)
@interface ConditionalOnConfigured {

    /** Property prefixes in canonical form, for example {@code diagnostics.tcp.targets}. */
    String[] value();
}

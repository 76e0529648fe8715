package dev.diagnostics.timing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times a method (or every public method of a class) as a named section: a {@code diagnostics.method.duration} timer,
 * an entry of its own in the current request's {@code Server-Timing} header and slow-request line, and a slow-call log
 * line when a call takes at least its threshold. The Spring starter applies it through Spring AOP (proxied beans, so
 * calls from inside the same object are not timed), the Quarkus extension through a CDI interceptor. Named so as not
 * to clash with Micrometer's {@code @Timed}, which records a timer only.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TimedSection {

    /**
     * The section's name: the {@code section} tag and the {@code Server-Timing} metric name. Letters, digits and
     * {@code . _ -} (other characters become {@code _}), at most 64 characters. Default: the class's simple name and
     * the method's, as {@code OrderService.price}.
     */
    String value() default "";

    /** Calls at least this many milliseconds long are logged; -1 (the default) uses the configured threshold. */
    long slowThresholdMillis() default -1;
}

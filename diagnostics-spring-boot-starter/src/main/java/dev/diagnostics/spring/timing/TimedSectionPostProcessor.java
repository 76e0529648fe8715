package dev.diagnostics.spring.timing;

import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;

import dev.diagnostics.timing.SectionTimers;
import dev.diagnostics.timing.TimedSection;

/**
 * Proxies beans with {@link TimedSection} methods (or a {@link TimedSection} class) so their calls are timed: plain
 * Spring AOP, no AspectJ weaving and no auto-proxy creator needed (the way Spring's {@code @Async} and method
 * validation are applied). Class proxies, so beans stay injectable by their class. Calls a bean makes to itself are
 * not proxied, hence not timed.
 */
public final class TimedSectionPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    public TimedSectionPostProcessor(ObjectProvider<SectionTimers> timers) {
        Pointcut methods = new AnnotationMatchingPointcut(null, TimedSection.class, true);
        Pointcut classes = new AnnotationMatchingPointcut(TimedSection.class, true);
        this.advisor = new DefaultPointcutAdvisor(new ComposablePointcut(methods).union(classes),
                new LazyInterceptor(timers));
        setProxyTargetClass(true);
        setBeforeExistingAdvisors(true);
    }

    /** Resolves the timers at the first call, so this post-processor does not create beans early. */
    private static final class LazyInterceptor implements org.aopalliance.intercept.MethodInterceptor {

        private final ObjectProvider<SectionTimers> timers;

        private volatile TimedSectionInterceptor delegate;

        LazyInterceptor(ObjectProvider<SectionTimers> timers) {
            this.timers = timers;
        }

        @Override
        public Object invoke(org.aopalliance.intercept.MethodInvocation invocation) throws Throwable {
            TimedSectionInterceptor interceptor = this.delegate;
            if (interceptor == null) {
                interceptor = new TimedSectionInterceptor(this.timers.getObject());
                this.delegate = interceptor;
            }
            return interceptor.invoke(invocation);
        }
    }
}

package dev.diagnostics.spring.timing;

import java.util.Objects;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

import dev.diagnostics.timing.SectionTimers;

/** Times calls of {@link dev.diagnostics.timing.TimedSection} methods through core's {@link SectionTimers}. */
final class TimedSectionInterceptor implements MethodInterceptor {

    private final SectionTimers timers;

    TimedSectionInterceptor(SectionTimers timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        SectionTimers.Section section = this.timers.section(invocation.getMethod(),
                (target != null) ? AopUtils.getTargetClass(target) : null);
        long start = section.start();
        Throwable error = null;
        try {
            return invocation.proceed();
        }
        catch (Throwable ex) {
            error = ex;
            throw ex;
        }
        finally {
            section.stop(start, error);
        }
    }
}

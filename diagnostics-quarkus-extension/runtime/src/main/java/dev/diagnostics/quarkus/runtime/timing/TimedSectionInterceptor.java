package dev.diagnostics.quarkus.runtime.timing;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.diagnostics.quarkus.runtime.TimingDiagnostics;
import dev.diagnostics.timing.SectionTimers;
import dev.diagnostics.timing.TimedSection;

/**
 * Times calls of {@link TimedSection} methods of CDI beans through core's {@link SectionTimers}. {@link TimedSection}
 * is a plain annotation in core (no CDI there); the deployment module registers it as an interceptor binding whose
 * members do not bind, so this one interceptor serves every use.
 */
@TimedSection
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class TimedSectionInterceptor {

    @Inject
    TimingDiagnostics timing;

    @AroundInvoke
    Object time(InvocationContext invocation) throws Exception {
        SectionTimers timers = this.timing.sectionTimers();
        if (timers == null) {
            return invocation.proceed();
        }
        Object target = invocation.getTarget();
        SectionTimers.Section section = timers.section(invocation.getMethod(),
                (target != null) ? userClass(target.getClass()) : null);
        long start = section.start();
        Throwable error = null;
        try {
            return invocation.proceed();
        }
        catch (Exception | Error ex) {
            error = ex;
            throw ex;
        }
        finally {
            section.stop(start, error);
        }
    }

    /** The bean's own class, not the subclass ArC generates for interception. */
    private static Class<?> userClass(Class<?> type) {
        Class<?> current = type;
        while (current.getName().endsWith("_Subclass") && current.getSuperclass() != null) {
            current = current.getSuperclass();
        }
        return current;
    }
}

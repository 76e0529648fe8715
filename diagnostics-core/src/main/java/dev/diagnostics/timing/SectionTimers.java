package dev.diagnostics.timing;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.TimeSource;

/**
 * Method timing for {@link TimedSection}: one {@link Section} per annotated method, created on its first call and
 * cached, so a call costs two clock reads, one timer record and, inside a timed request, one add to its
 * {@link RequestTiming}; nothing is allocated. The Spring advice and the Quarkus interceptor call
 * <pre>{@code
 * Section section = timers.section(method, targetClass);
 * long start = section.start();
 * try { return proceed(); } catch (Throwable ex) { error = ex; throw ex; } finally { section.stop(start, error); }
 * }</pre>
 * Thread-safe.
 */
public final class SectionTimers {

    /** The logger of the slow-call log, one line per slow call of a timed section. */
    public static final String SLOW_CALL_LOGGER = "dev.diagnostics.timing.slow-calls";

    private static final Logger logger = LoggerFactory.getLogger(SLOW_CALL_LOGGER);

    private static final int MAX_NAME_LENGTH = 64;

    private final ConcurrentHashMap<Method, Section> sections = new ConcurrentHashMap<>();

    private final TimingConfig config;

    private final MeterRegistry registry;

    private final TimeSource time;

    private final SlowLogLimiter slowLog;

    /**
     * @param config the default slow-call threshold and the log limit
     * @param registry where {@code diagnostics.method.duration} is recorded; {@code null} records no timer
     * @param time the clock
     */
    public SectionTimers(TimingConfig config, MeterRegistry registry, TimeSource time) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = registry;
        this.time = Objects.requireNonNull(time, "time");
        this.slowLog = new SlowLogLimiter(time, config.slowLogMaxLines(), config.slowLogInterval());
    }

    /**
     * The section of a method: its own {@link TimedSection}, else its class's.
     *
     * @param method the method called (the cache key)
     * @param targetClass the class of the object called, where a class-level annotation is looked up; may be
     *        {@code null}
     */
    public Section section(Method method, Class<?> targetClass) {
        Section section = this.sections.get(method);
        return (section != null) ? section : this.sections.computeIfAbsent(method, (key) -> create(key, targetClass));
    }

    private Section create(Method method, Class<?> targetClass) {
        TimedSection annotation = method.getAnnotation(TimedSection.class);
        if (annotation == null && targetClass != null) {
            annotation = targetClass.getAnnotation(TimedSection.class);
        }
        if (annotation == null) {
            annotation = method.getDeclaringClass().getAnnotation(TimedSection.class);
        }
        Class<?> owner = (targetClass != null) ? targetClass : method.getDeclaringClass();
        String name = (annotation != null && !annotation.value().isBlank()) ? annotation.value()
                : owner.getSimpleName() + "." + method.getName();
        long slowMillis = (annotation != null) ? annotation.slowThresholdMillis() : -1;
        long slowNanos = (slowMillis >= 0) ? TimeUnit.MILLISECONDS.toNanos(slowMillis)
                : this.config.slowCallThreshold().toNanos();
        return new Section(sectionName(name), slowNanos);
    }

    /** A name fit for a metric tag and a Server-Timing metric name (an HTTP token). */
    static String sectionName(String name) {
        String stripped = name.strip();
        StringBuilder out = new StringBuilder(Math.min(stripped.length(), MAX_NAME_LENGTH));
        for (int i = 0; i < stripped.length() && out.length() < MAX_NAME_LENGTH; i++) {
            char c = stripped.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            out.append(token ? c : '_');
        }
        return (out.length() == 0) ? "section" : out.toString().intern();
    }

    /** How many sections exist. */
    public int size() {
        return this.sections.size();
    }

    /** One timed method. Thread-safe. */
    public final class Section {

        private final String name;

        private final long slowNanos;

        private final Timer success;

        private final Timer error;

        Section(String name, long slowNanos) {
            this.name = name;
            this.slowNanos = slowNanos;
            this.success = timer("SUCCESS");
            this.error = timer("ERROR");
        }

        private Timer timer(String outcome) {
            MeterRegistry registry = SectionTimers.this.registry;
            return (registry != null) ? Timer.builder(MeterNames.METHOD_DURATION)
                    .description("Duration of methods annotated @TimedSection, by section and outcome")
                    .tag("section", this.name)
                    .tag("outcome", outcome)
                    .register(registry) : null;
        }

        /** The section's name. */
        public String name() {
            return this.name;
        }

        /** Marks the start of a call. */
        public long start() {
            return SectionTimers.this.time.nanoTime();
        }

        /**
         * Ends a call: records it, charges it to the current request (when there is one on this thread) and logs it
         * when slow. Never throws.
         *
         * @param start what {@link #start()} returned
         * @param error what the call threw, or {@code null}
         */
        public void stop(long start, Throwable error) {
            long nanos = SectionTimers.this.time.nanoTime() - start;
            Timer timer = (error != null) ? this.error : this.success;
            if (timer != null) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
            RequestTiming request = RequestTiming.current();
            if (request != null) {
                request.addSection(this.name, nanos);
            }
            if (nanos >= this.slowNanos) {
                logSlow(nanos, error);
            }
        }

        private void logSlow(long nanos, Throwable error) {
            if (!logger.isWarnEnabled()) {
                return;
            }
            long dropped = SectionTimers.this.slowLog.acquire();
            if (dropped < 0) {
                return;
            }
            StringBuilder line = new StringBuilder(128).append("slow call: section=").append(this.name);
            Decimals.appendMillis(line.append(" duration_ms="), nanos);
            Decimals.appendMillis(line.append(" threshold_ms="), this.slowNanos);
            line.append(" outcome=").append((error != null) ? "ERROR" : "SUCCESS");
            if (error != null) {
                line.append(" exception=").append(error.getClass().getName());
            }
            if (dropped > 0) {
                line.append(" unlogged_since_last=").append(dropped);
            }
            logger.warn(line.toString());
        }
    }
}

package dev.diagnostics.quarkus.runtime;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import dev.diagnostics.time.TimeSource;
import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.SectionTimers;
import dev.diagnostics.timing.TimingConfig;

/**
 * Request and method timing of the application, configured by {@code quarkus.diagnostics.timing.*}: the request timer
 * the JAX-RS filter uses and the section timers of the {@code @TimedSection} interceptor, both created when first
 * asked for. {@code null} from both when {@code quarkus.diagnostics.timing.enabled=false}.
 */
@Singleton
public class TimingDiagnostics {

    @Inject
    DiagnosticsConfig config;

    @Inject
    TimeSource time;

    @Inject
    Instance<MeterRegistry> registries;

    private TimingConfig timingConfig;

    private RequestTimer requestTimer;

    private SectionTimers sectionTimers;

    /** The request timer; {@code null} when timing is off. */
    public synchronized RequestTimer requestTimer() {
        if (this.requestTimer == null && timingConfig() != null) {
            this.requestTimer = new RequestTimer(timingConfig(), registry(), this.time);
        }
        return this.requestTimer;
    }

    /** The section timers; {@code null} when timing is off. */
    public synchronized SectionTimers sectionTimers() {
        if (this.sectionTimers == null && timingConfig() != null) {
            this.sectionTimers = new SectionTimers(timingConfig(), registry(), this.time);
        }
        return this.sectionTimers;
    }

    private MeterRegistry registry() {
        return this.registries.isResolvable() ? this.registries.get() : null;
    }

    private TimingConfig timingConfig() {
        if (this.timingConfig == null && this.config.timing().enabled()) {
            this.timingConfig = config(this.config.timing());
        }
        return this.timingConfig;
    }

    static TimingConfig config(DiagnosticsConfig.Timing timing) {
        return TimingConfig.builder()
                .propertyPrefix(DiagnosticsConfig.TIMING_PREFIX)
                .requestMetric(timing.requestMetric())
                .maxRoutes(timing.maxRoutes())
                .processTimeHeader(timing.processTimeHeader())
                .serverTimingHeader(timing.serverTimingHeader())
                .trustedNetworks(timing.trustedNetworks())
                .slowRequestThreshold(timing.slowRequestThreshold())
                .slowCallThreshold(timing.slowCallThreshold())
                .slowLogMaxLines(timing.slowLogMaxLines())
                .slowLogInterval(timing.slowLogInterval())
                .build();
    }
}

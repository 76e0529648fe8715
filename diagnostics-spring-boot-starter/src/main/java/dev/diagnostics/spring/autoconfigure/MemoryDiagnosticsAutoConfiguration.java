package dev.diagnostics.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.memory.MemoryCheck;
import dev.diagnostics.memory.MemoryMetrics;
import dev.diagnostics.memory.MemoryWatchConfig;
import dev.diagnostics.memory.MemoryWatcher;
import dev.diagnostics.memory.RequestMemoryConfig;
import dev.diagnostics.memory.RequestMemoryRecorder;
import dev.diagnostics.memory.ThreadAllocation;
import dev.diagnostics.spring.web.MemoryWatchServletFilter;
import dev.diagnostics.spring.web.MemoryWatchWebFilter;
import dev.diagnostics.time.TimeSource;

/**
 * The memory watch: a {@link MemoryWatcher} on the shared {@link TimeSource}, its {@code memory} check in readiness
 * (never liveness, unless {@code diagnostics.checks.memory.groups} says so), its {@code diagnostics.memory.*} meters,
 * and a request filter (servlet or WebFlux) that records per-route allocation and sheds load while memory is critical
 * when {@code diagnostics.memory.requests.shed-share} is above 0. Configured by {@code diagnostics.memory.*}; every
 * bean backs off when the application defines its own.
 */
@AutoConfiguration(after = DiagnosticsAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MemoryWatcher.class)
@ConditionalOnBooleanProperty(name = "diagnostics.health.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "diagnostics.memory.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MemoryDiagnosticsProperties.class)
public final class MemoryDiagnosticsAutoConfiguration {

    static final String PROPERTY_PREFIX = "diagnostics.memory";

    MemoryDiagnosticsAutoConfiguration() {
    }

    /** Started here; closed with the context (its tick stops and its GC listener is removed). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    MemoryWatcher memoryWatcher(MemoryDiagnosticsProperties properties, ObjectProvider<TimeSource> time) {
        return MemoryWatcher.builder(config(properties), time.getObject()).build().start();
    }

    @Bean
    @ConditionalOnMissingBean(name = "memoryCheckRegistration")
    CheckRegistration memoryCheckRegistration(MemoryWatcher memoryWatcher) {
        return MemoryCheck.registration(new MemoryCheck(memoryWatcher)).build();
    }

    @Bean
    @ConditionalOnMissingBean
    RequestMemoryRecorder requestMemoryRecorder(MemoryWatcher memoryWatcher, MemoryDiagnosticsProperties properties,
            ObjectProvider<MeterRegistry> registry) {
        return new RequestMemoryRecorder(memoryWatcher, requestConfig(properties.getRequests()),
                registry.getIfUnique(), ThreadAllocation.platform());
    }

    static MemoryWatchConfig config(MemoryDiagnosticsProperties properties) {
        MemoryWatchConfig.Builder config = MemoryWatchConfig.builder()
                .propertyPrefix(PROPERTY_PREFIX)
                .sampleInterval(properties.getSampleInterval())
                .heapWarning(properties.getHeapWarning())
                .heapCritical(properties.getHeapCritical())
                .pressureWindow(properties.getPressureWindow())
                .trendWindow(properties.getTrendWindow())
                .leakMinGrowth(properties.getLeakMinGrowth())
                .gcOverheadWindow(properties.getGcOverheadWindow())
                .gcOverheadWarning(properties.getGcOverheadWarning())
                .gcOverheadCritical(properties.getGcOverheadCritical())
                .processWarning(properties.getProcessWarning())
                .processCritical(properties.getProcessCritical());
        MemoryDiagnosticsProperties.HeapDump heapDump = properties.getHeapDump();
        if (heapDump.isEnabled()) {
            config.heapDump(heapDump.getDirectory(), heapDump.getMinInterval());
        }
        return config.build();
    }

    static RequestMemoryConfig requestConfig(MemoryDiagnosticsProperties.Requests requests) {
        return RequestMemoryConfig.builder()
                .propertyPrefix(PROPERTY_PREFIX + ".requests")
                .recordAllocation(requests.isRecordAllocation())
                .maxRoutes(requests.getMaxRoutes())
                .shedShare(requests.getShedShare())
                .retryAfter(requests.getRetryAfter())
                .build();
    }

    /** Requests to the Actuator base path are never shed, so probes keep answering. */
    static String neverShedPrefix(Environment environment) {
        return environment.getProperty("management.endpoints.web.base-path", "/actuator");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MemoryMetrics memoryMetrics(MemoryWatcher memoryWatcher) {
            return new MemoryMetrics(memoryWatcher);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({ MemoryWatchServletFilter.class, FilterRegistrationBean.class })
    @ConditionalOnBooleanProperty(name = "diagnostics.memory.requests.enabled", matchIfMissing = true)
    static class ServletFilterConfiguration {

        /** Early in the chain, so shed requests cost as little as possible; the route is read after the chain. */
        @Bean
        @ConditionalOnMissingBean(name = "memoryWatchFilter")
        FilterRegistrationBean<MemoryWatchServletFilter> memoryWatchFilter(RequestMemoryRecorder recorder,
                Environment environment) {
            FilterRegistrationBean<MemoryWatchServletFilter> registration = new FilterRegistrationBean<>(
                    new MemoryWatchServletFilter(recorder, neverShedPrefix(environment)));
            registration.setName("memoryWatchFilter");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(MemoryWatchWebFilter.class)
    @ConditionalOnBooleanProperty(name = "diagnostics.memory.requests.enabled", matchIfMissing = true)
    static class WebFilterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MemoryWatchWebFilter memoryWatchWebFilter(RequestMemoryRecorder recorder, Environment environment) {
            return new MemoryWatchWebFilter(recorder, neverShedPrefix(environment));
        }
    }
}

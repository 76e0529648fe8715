package dev.diagnostics.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

import dev.diagnostics.jdbc.SlowQueryLog;
import dev.diagnostics.spring.timing.RedisTimingPostProcessor;
import dev.diagnostics.spring.timing.TimedDataSourcePostProcessor;
import dev.diagnostics.spring.timing.TimedSectionPostProcessor;
import dev.diagnostics.spring.web.TimingServletFilter;
import dev.diagnostics.spring.web.TimingWebFilter;
import dev.diagnostics.time.TimeSource;
import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.SectionTimers;
import dev.diagnostics.timing.TimingConfig;

/**
 * Request and method timing, configured by {@code diagnostics.timing.*}: a request filter (servlet or WebFlux, ordered
 * before the memory watch's) with {@code X-Process-Time}, {@code Server-Timing} for trusted callers and the slow-request
 * log; {@code @TimedSection} methods through Spring AOP; JDBC statements through datasource-proxy (when it is on the
 * class path) with the slow-query log; Redis commands through lettuce's command listener. The
 * {@code diagnostics.http.server.duration} timer is off unless {@code diagnostics.timing.request-metric=true}, since
 * Spring Boot records {@code http.server.requests}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(after = DiagnosticsAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(RequestTimer.class)
@ConditionalOnBooleanProperty(name = "diagnostics.timing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TimingProperties.class)
public final class TimingAutoConfiguration {

    static final String PROPERTY_PREFIX = "diagnostics.timing";

    /** Before the memory watch's filter (HIGHEST_PRECEDENCE + 10), so the timing wraps it. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    TimingAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TimingConfig timingConfig(TimingProperties properties) {
        return config(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    RequestTimer requestTimer(TimingConfig timingConfig, ObjectProvider<MeterRegistry> registry,
            ObjectProvider<TimeSource> time) {
        return new RequestTimer(timingConfig, registry.getIfUnique(), time.getObject());
    }

    static TimingConfig config(TimingProperties properties) {
        return TimingConfig.builder()
                .propertyPrefix(PROPERTY_PREFIX)
                .requestMetric(properties.isRequestMetric())
                .maxRoutes(properties.getMaxRoutes())
                .processTimeHeader(properties.isProcessTimeHeader())
                .serverTimingHeader(properties.getServerTiming().isEnabled())
                .trustedNetworks(properties.getServerTiming().getTrustedNetworks())
                .slowRequestThreshold(properties.getSlowRequestThreshold())
                .slowCallThreshold(properties.getSlowCallThreshold())
                .slowQueryThreshold(properties.getJdbc().getSlowQueryThreshold())
                .slowLogMaxLines(properties.getSlowLog().getMaxLines())
                .slowLogInterval(properties.getSlowLog().getInterval())
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({ TimingServletFilter.class, FilterRegistrationBean.class })
    static class ServletFilterConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "timingFilter")
        FilterRegistrationBean<TimingServletFilter> timingFilter(RequestTimer requestTimer) {
            FilterRegistrationBean<TimingServletFilter> registration = new FilterRegistrationBean<>(
                    new TimingServletFilter(requestTimer));
            registration.setName("timingFilter");
            registration.setOrder(FILTER_ORDER);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(TimingWebFilter.class)
    static class WebFilterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TimingWebFilter timingWebFilter(RequestTimer requestTimer) {
            return new TimingWebFilter(requestTimer, FILTER_ORDER);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "diagnostics.timing.methods.enabled", matchIfMissing = true)
    static class MethodTimingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SectionTimers sectionTimers(TimingConfig timingConfig, ObjectProvider<MeterRegistry> registry,
                ObjectProvider<TimeSource> time) {
            return new SectionTimers(timingConfig, registry.getIfUnique(), time.getObject());
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean
        static TimedSectionPostProcessor timedSectionPostProcessor(ObjectProvider<SectionTimers> sectionTimers) {
            return new TimedSectionPostProcessor(sectionTimers);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "net.ttddyy.dsproxy.support.ProxyDataSource", value = javax.sql.DataSource.class)
    @ConditionalOnBooleanProperty(name = "diagnostics.timing.jdbc.enabled", matchIfMissing = true)
    static class JdbcTimingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SlowQueryLog slowQueryLog(TimingConfig timingConfig, ObjectProvider<MeterRegistry> registry,
                ObjectProvider<TimeSource> time) {
            return new SlowQueryLog(timingConfig, registry.getIfUnique(), time.getObject());
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean
        static TimedDataSourcePostProcessor timedDataSourcePostProcessor(ObjectProvider<SlowQueryLog> slowQueryLog,
                ObjectProvider<TimeSource> time) {
            return new TimedDataSourcePostProcessor(slowQueryLog, time);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.AbstractRedisClient")
    @ConditionalOnBooleanProperty(name = "diagnostics.timing.redis.enabled", matchIfMissing = true)
    static class RedisTimingConfiguration {

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean
        static RedisTimingPostProcessor redisTimingPostProcessor(ObjectProvider<TimeSource> time) {
            return new RedisTimingPostProcessor(time);
        }
    }
}

package dev.diagnostics.spring.autoconfigure;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.redis.RedisCheck;
import dev.diagnostics.redis.RedisCheckConfig;
import dev.diagnostics.redis.RedisMetrics;
import dev.diagnostics.time.TimeSource;

/**
 * Diagnoses the application's Redis with a {@code redis} check that replaces Spring Boot's own {@code redis}
 * indicator under the same name: built on the application's {@link LettuceConnectionFactory} (its native client, on
 * one connection of the check's own, opened when the check first runs), in the readiness group, with
 * {@code diagnostics.redis.*} meters, and configured by {@code diagnostics.redis.*}.
 *
 * <p>Replacing Spring Boot's indicator uses its own back-off: both its {@code redis} contributors (the reactive one,
 * used whenever Reactor is present, which it is with Lettuce, and the blocking one) are conditional on no bean named
 * {@code redisHealthIndicator} or {@code redisHealthContributor}, and the {@link RedisCheck} bean carries the alias
 * {@code redisHealthContributor}. The back-off works both ways: an application that defines either bean keeps its own
 * indicator and gets no {@code redis} check from us; {@code diagnostics.redis.enabled=false} keeps Spring Boot's.
 *
 * <p>Redis is optional: this class is read only when Spring Data Redis and Lettuce are on the class path, so an
 * application without them never loads a Lettuce class. A Redis connection factory that is not Lettuce's (Jedis) is
 * left to Spring Boot's own indicator.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple"
                + ".SimpleMetricsExportAutoConfiguration" },
        // Our bean must exist when Spring Boot's redis indicators decide whether to back off.
        beforeName = {
                "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.health"
                        + ".DataRedisReactiveHealthContributorAutoConfiguration" })
@ConditionalOnClass({ HealthEngine.class, RedisCheck.class, LettuceConnectionFactory.class, RedisClient.class })
@ConditionalOnBean(LettuceConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "diagnostics.health.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "diagnostics.redis.enabled", matchIfMissing = true)
// Spring Boot's own switch for its redis indicator turns off what replaces it.
@ConditionalOnEnabledHealthIndicator("redis")
@ConditionalOnMissingBean(name = { "redisHealthIndicator", "redisHealthContributor" })
@EnableConfigurationProperties(DiagnosticsProperties.class)
public final class RedisDiagnosticsAutoConfiguration {

    static final String PROPERTY_PREFIX = "diagnostics.redis";

    RedisDiagnosticsAutoConfiguration() {
    }

    /**
     * Named {@code redisHealthContributor} too, which is what makes Spring Boot's redis indicators back off. It
     * connects nothing until it first runs.
     */
    @Bean(name = { "redisCheck", "redisHealthContributor" })
    RedisCheck redisCheck(LettuceConnectionFactory connectionFactory, TimeSource time,
            DiagnosticsProperties properties) {
        RedisCheckConfig config = config(properties.getRedis());
        LettuceFactoryConnection connection = LettuceFactoryConnection.of(connectionFactory);
        RedisCheck.Builder check = RedisCheck.builder(connection, time)
                .config(config)
                .secrets(LettuceFactoryConnection.secrets(connectionFactory))
                .target(LettuceFactoryConnection.target(connectionFactory));
        AbstractRedisClient client = connection.clientIfStarted();
        if (client != null) {
            check.client(client);
        }
        return check.build();
    }

    /** The check in readiness, like every external dependency; {@code diagnostics.checks.redis.*} still applies. */
    @Bean
    @ConditionalOnMissingBean(name = "redisCheckRegistration")
    CheckRegistration redisCheckRegistration(RedisCheck redisCheck) {
        return RedisCheck.registration(RedisCheck.NAME, redisCheck).build();
    }

    static RedisCheckConfig config(DiagnosticsProperties.Redis redis) {
        return RedisCheckConfig.builder()
                .propertyPrefix(PROPERTY_PREFIX)
                .deadline(redis.getDeadline())
                .memoryWarning(redis.getMemoryWarning())
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        /** The check's {@code diagnostics.redis.*} meters, bound by Spring Boot to the application's registry. */
        @Bean
        @ConditionalOnMissingBean(name = "redisDiagnosticsMetrics")
        RedisMetrics redisDiagnosticsMetrics(RedisCheck redisCheck) {
            return new RedisMetrics(redisCheck, RedisCheck.NAME);
        }
    }
}

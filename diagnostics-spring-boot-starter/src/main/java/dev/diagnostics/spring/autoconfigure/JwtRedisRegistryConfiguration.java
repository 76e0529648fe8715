package dev.diagnostics.spring.autoconfigure;

import io.lettuce.core.RedisClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.diagnostics.jwt.KeyFingerprintRegistry;
import dev.diagnostics.jwt.ReferenceClock;
import dev.diagnostics.redis.RedisKeyFingerprintRegistry;
import dev.diagnostics.time.TimeSource;

/**
 * The {@code jwt} check's registry in the application's Redis (a hash named {@code diagnostics:jwt:<application>},
 * on one connection of its own from the {@link LettuceConnectionFactory}'s client) and Redis' {@code TIME} as the
 * reference clock. Without a Lettuce connection factory, instances are not compared and the check says so.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class, RedisKeyFingerprintRegistry.class })
@ConditionalOnBean(LettuceConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "diagnostics.jwt.registry.enabled", matchIfMissing = true)
class JwtRedisRegistryConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(KeyFingerprintRegistry.class)
    RedisKeyFingerprintRegistry jwtKeyFingerprintRegistry(LettuceConnectionFactory connectionFactory, TimeSource time,
            JwtDiagnosticsProperties properties, Environment environment) {
        String key = properties.getRegistry().getKey();
        if (key == null || key.isBlank()) {
            key = "diagnostics:jwt:" + environment.getProperty("spring.application.name", "application");
        }
        return new RedisKeyFingerprintRegistry(LettuceFactoryConnection.of(connectionFactory), key,
                JwtDiagnosticsAutoConfiguration.config(properties).instanceTtl(), time,
                LettuceFactoryConnection.target(connectionFactory));
    }

    @Bean
    @ConditionalOnMissingBean(ReferenceClock.class)
    @ConditionalOnBooleanProperty(name = "diagnostics.jwt.registry.clock-skew", matchIfMissing = true)
    ReferenceClock jwtReferenceClock(RedisKeyFingerprintRegistry jwtKeyFingerprintRegistry) {
        return jwtKeyFingerprintRegistry.serverClock();
    }
}

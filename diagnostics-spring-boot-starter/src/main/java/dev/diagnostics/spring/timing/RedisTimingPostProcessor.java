package dev.diagnostics.spring.timing;

import java.util.Objects;

import io.lettuce.core.AbstractRedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

import dev.diagnostics.redis.RedisCommandTiming;
import dev.diagnostics.time.TimeSource;

/**
 * Adds core's {@link RedisCommandTiming} to the lettuce client of each {@link LettuceConnectionFactory} bean (its
 * client exists once the factory is initialized, Spring Data Redis's default early start-up) and to each lettuce
 * client bean the application defines, so Redis commands are charged to the request that issued them.
 */
public final class RedisTimingPostProcessor implements BeanPostProcessor {

    /** Spring Data Redis is optional: an application may define a lettuce client bean without it. */
    private static final boolean SPRING_DATA_REDIS = ClassUtils.isPresent(
            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
            RedisTimingPostProcessor.class.getClassLoader());

    private final ObjectProvider<TimeSource> time;

    public RedisTimingPostProcessor(ObjectProvider<TimeSource> time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        AbstractRedisClient client = null;
        if (bean instanceof AbstractRedisClient lettuce) {
            client = lettuce;
        }
        else if (isFactory(bean)) {
            client = ((LettuceConnectionFactory) bean).getNativeClient();
        }
        if (client != null) {
            RedisCommandTiming.install(client, this.time.getObject());
        }
        return bean;
    }

    private static boolean isFactory(Object bean) {
        return SPRING_DATA_REDIS && bean instanceof LettuceConnectionFactory;
    }
}

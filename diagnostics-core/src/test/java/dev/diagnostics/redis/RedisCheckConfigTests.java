package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.diagnostics.InvalidConfigurationException;

class RedisCheckConfigTests {

    @Test
    void defaultsAreAShortDeadlineAndNinetyPercentMemory() {
        RedisCheckConfig config = RedisCheckConfig.defaults();

        assertThat(config.deadline()).isEqualTo(Duration.ofMillis(300));
        assertThat(config.memoryWarning()).isEqualTo(0.9);
    }

    @Test
    void badValuesAreRejectedNamingTheProperty() {
        assertThatThrownBy(() -> RedisCheckConfig.builder().deadline(Duration.ZERO))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        (ex) -> assertThat(ex.property()).isEqualTo("diagnostics.redis.deadline"));
        assertThatThrownBy(() -> RedisCheckConfig.builder().propertyPrefix("quarkus.diagnostics.redis")
                .memoryWarning(1.5)).isInstanceOfSatisfying(InvalidConfigurationException.class,
                        (ex) -> assertThat(ex.property()).isEqualTo("quarkus.diagnostics.redis.memory-warning"));
        assertThatThrownBy(() -> RedisCheckConfig.builder().memoryWarning(0))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> RedisCheckConfig.builder().memoryWarning(Double.NaN))
                .isInstanceOf(InvalidConfigurationException.class);
    }
}

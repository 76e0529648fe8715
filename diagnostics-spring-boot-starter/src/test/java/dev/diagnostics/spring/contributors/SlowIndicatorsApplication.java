package dev.diagnostics.spring.contributors;

import java.time.Duration;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A plain Spring Boot application with ordinary Actuator health indicators and nothing of ours but the starter on
 * the class path: {@code slow-indicators.count} (default 10) indicators named {@code slow0}, {@code slow1}, ... that
 * each take {@code slow-indicators.work} (default 100 ms), and, with {@code slow-indicators.hung=true}, one named
 * {@code hung} that never answers. The same application serves stock Actuator with
 * {@code diagnostics.health.contributors.enabled=false}, for side-by-side comparisons.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        // The test class path has JDBC and Redis for other tests; this application has neither.
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
public class SlowIndicatorsApplication {

    @Bean
    IndicatorCalls indicatorCalls() {
        return new IndicatorCalls();
    }

    @Bean
    static BeanDefinitionRegistryPostProcessor slowIndicators() {
        return new SlowIndicatorDefinitions();
    }

    /** Defines the indicators as beans named like an application's own ({@code slow0HealthIndicator}, ...). */
    static final class SlowIndicatorDefinitions implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            int count = this.environment.getProperty("slow-indicators.count", Integer.class, 10);
            Duration work = this.environment.getProperty("slow-indicators.work", Duration.class,
                    Duration.ofMillis(100));
            for (int i = 0; i < count; i++) {
                String name = "slow" + i;
                RootBeanDefinition definition = new RootBeanDefinition(SlowHealthIndicator.class);
                definition.setInstanceSupplier(() -> new SlowHealthIndicator(name, work,
                        ((org.springframework.beans.factory.BeanFactory) registry).getBean(IndicatorCalls.class)));
                registry.registerBeanDefinition(name + "HealthIndicator", definition);
            }
            if (this.environment.getProperty("slow-indicators.hung", Boolean.class, false)) {
                registry.registerBeanDefinition("hungHealthIndicator",
                        new RootBeanDefinition(HungHealthIndicator.class));
            }
        }
    }
}

package dev.diagnostics.benchmarks.sidebyside;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application both sides serve: ten ordinary {@link HealthIndicator} beans that each take 100 ms (a query, a
 * remote call; none with {@code side-by-side.slow-indicators=false}, leaving Spring Boot's own cheap ones), and, with
 * {@code side-by-side.hung=true}, one more that never returns and ignores interrupts (a socket read without a
 * timeout). Nothing else is special: the same jar runs as stock Actuator (the diagnostics starter's
 * auto-configurations excluded) or with the starter.
 *
 * <p>{@code java -jar side-by-side.jar measure ...} runs {@link SideBySide} instead, which starts this application in
 * child processes and measures it.
 */
@SpringBootApplication
public class SideBySideApplication {

    /** How many slow indicators the application has. */
    public static final int SLOW_INDICATORS = 10;

    /** How long each slow indicator takes. */
    public static final long SLOW_MILLIS = 100;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("measure")) {
            SideBySide.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(SideBySideApplication.class, args);
    }

    /** Registers {@code slow01HealthIndicator} .. {@code slow10HealthIndicator}: components slow01 .. slow10. */
    @Bean
    static BeanDefinitionRegistryPostProcessor slowIndicators(org.springframework.core.env.Environment environment) {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                if (!environment.getProperty("side-by-side.slow-indicators", Boolean.class, true)) {
                    return;
                }
                for (int i = 1; i <= SLOW_INDICATORS; i++) {
                    RootBeanDefinition definition = new RootBeanDefinition(SlowIndicator.class);
                    definition.setInstanceSupplier(SlowIndicator::new);
                    registry.registerBeanDefinition(String.format("slow%02dHealthIndicator", i), definition);
                }
            }
        };
    }

    /** An indicator that answers UP after {@link #SLOW_MILLIS}. */
    public static final class SlowIndicator implements HealthIndicator {

        @Override
        public Health health() {
            try {
                Thread.sleep(SLOW_MILLIS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail("interrupted", true).build();
            }
            return Health.up().withDetail("tookMs", SLOW_MILLIS).build();
        }
    }

    /** The hung dependency, present only with {@code side-by-side.hung=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("side-by-side.hung")
    static class HungDependency {

        @Bean
        HealthIndicator hungHealthIndicator() {
            CountDownLatch never = new CountDownLatch(1);
            return () -> {
                while (true) {
                    try {
                        never.await();
                    }
                    catch (InterruptedException ex) {
                        // Ignored on purpose: a blocking read without a timeout does not answer interrupts either.
                    }
                }
            };
        }
    }
}

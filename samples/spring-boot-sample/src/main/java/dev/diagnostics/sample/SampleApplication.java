package dev.diagnostics.sample;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small inventory service. Its health checks run through the diagnostics starter: the built-in deadlock check
 * (liveness) and {@link dev.diagnostics.sample.inventory.InventoryFeedCheck} (readiness, non-critical). The fault lab
 * under {@code /lab} breaks things on purpose so you can watch the health endpoint diagnose them.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
